package dev.frontier.spec;

import dev.frontier.limits.Limits;
import java.util.Objects;

/**
 * A model from the zoo: its {@link Catalog} name and a width multiplier.
 *
 * @param name  a {@link Catalog} model name
 * @param width channel/unit width multiplier, in {@link Limits#WIDTH} (0, 16]
 */
public record ModelSpec(String name, double width) {

    /** A model at width 1.0. */
    public static ModelSpec of(String name) {
        return new ModelSpec(name, 1.0);
    }

    /** Checks that the name is known and the width is in (0, 16]. */
    public ModelSpec {
        Objects.requireNonNull(name, "name");
        new Checks()
                .require(Catalog.modelNames().contains(name), "name", "found '" + name + "', expected one of "
                        + String.join(", ", Catalog.modelNames()) + Suggestions.didYouMean(name, Catalog.modelNames()))
                .value("width", width, Limits.WIDTH, "a width multiplier")
                .done();
    }

    /** Training cost per example relative to lenet5 at width 1, scaled by width squared. */
    public double relativeCost() {
        return Catalog.model(name).orElseThrow().relativeCost() * width * width;
    }
}
