package dev.frontier.spec;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A model from the zoo: its {@link Catalog} name, a width multiplier and free-form architecture arguments.
 *
 * @param name  a {@link Catalog} model name
 * @param width channel/unit width multiplier, &gt; 0
 * @param args  extra architecture arguments passed to the zoo, sorted by key
 */
public record ModelSpec(String name, double width, Map<String, String> args) {

    /** A model at width 1.0 with no extra arguments. */
    public static ModelSpec of(String name) {
        return new ModelSpec(name, 1.0, Map.of());
    }

    /** Checks that the name is known and the width is positive. */
    public ModelSpec {
        Objects.requireNonNull(name, "name");
        args = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(args));
        new Checks()
                .require(Catalog.model(name).isPresent(), "name", "found '" + name + "', expected one of "
                        + String.join(", ", Catalog.modelNames()) + Suggestions.didYouMean(name, Catalog.modelNames()))
                .value("width", width, w -> w > 0 && Double.isFinite(w), "a width multiplier > 0")
                .done();
    }

    /** Training cost per example relative to lenet5 at width 1, scaled by width squared. */
    public double relativeCost() {
        return Catalog.model(name).orElseThrow().relativeCost() * width * width;
    }
}
