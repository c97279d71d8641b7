package dev.frontier.spec;

import dev.frontier.limits.Limits;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A model: a {@link Catalog} name and a width multiplier, or the user's own model ({@code user}: a
 * class in a jar, or one made in this process) with the arguments its factory receives.
 *
 * @param name a {@link Catalog} model name, or the user model's name (lower case letters, digits
 *     and '-')
 * @param width channel/unit width multiplier, in {@link Limits#WIDTH} (0, 16]
 * @param args arguments for the user model's factory, sorted by key (zoo models take none)
 * @param user where the user's model comes from; empty for a registered model
 */
public record ModelSpec(
        String name, double width, Map<String, String> args, Optional<UserModel> user) {

    /** What a model name, and an argument name, may be. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private static final Pattern ARG = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern CLASS =
            Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    /** A registered model at {@code width}, without arguments. */
    public ModelSpec(String name, double width) {
        this(name, width, Map.of(), Optional.empty());
    }

    /** A model at width 1.0. */
    public static ModelSpec of(String name) {
        return new ModelSpec(name, 1.0);
    }

    /**
     * Checks that a registered name is known (a user model's name is well formed), the width is in
     * (0, 16], arguments go to a user model only, and a jar's path is absolute and its class name a
     * Java binary name.
     */
    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(user, "user");
        args =
                Collections.unmodifiableSortedMap(
                        new TreeMap<>(Objects.requireNonNull(args, "args")));
        Checks checks = new Checks();
        if (user.isEmpty()) {
            checks.require(
                    Catalog.modelNames().contains(name),
                    "name",
                    "found '"
                            + name
                            + "', expected one of "
                            + String.join(", ", Catalog.modelNames())
                            + Suggestions.didYouMean(name, Catalog.modelNames()));
            checks.require(
                    args.isEmpty(),
                    "args",
                    "found arguments for "
                            + name
                            + ", but only a model from a jar takes "
                            + "arguments (model: {class: ..., jar: ..., args: {...}}); zoo models are sized by width");
        } else {
            checks.require(
                    NAME.matcher(name).matches(),
                    "name",
                    "found '"
                            + name
                            + "', expected lower case letters, digits and '-', starting with a letter");
            checks.require(
                    !Catalog.modelNames().contains(name),
                    "name",
                    "found '"
                            + name
                            + "', the name of a registered model; name your model differently");
            if (user.get() instanceof UserModel.Jar jar) {
                checks.require(
                        jar.jar().isAbsolute(),
                        "jar",
                        "found relative path " + jar.jar() + ", expected it resolved");
                checks.require(
                        CLASS.matcher(jar.className()).matches(),
                        "class",
                        "found '"
                                + jar.className()
                                + "', expected a Java class name such as com.acme.MyNet");
            } else if (user.get() instanceof UserModel.InProcess p) {
                checks.require(
                        p.model().name().equals(name),
                        "name",
                        "found '"
                                + name
                                + "', but the model object is named '"
                                + p.model().name()
                                + "'");
                checks.require(
                        args.isEmpty(),
                        "args",
                        "found arguments for a model made in this process; pass them to "
                                + "its factory yourself");
            }
        }
        for (var e : args.entrySet()) {
            checks.require(
                    ARG.matcher(e.getKey()).matches(),
                    Paths.join("args", e.getKey()),
                    "found argument name '"
                            + e.getKey()
                            + "', expected letters, digits, '_', '.' and '-'");
            checks.require(
                    e.getValue() != null,
                    Paths.join("args", e.getKey()),
                    "missing, expected a value");
        }
        checks.value("width", width, Limits.WIDTH, "a width multiplier").done();
    }

    /**
     * Training cost per example relative to lenet5 at width 1, scaled by width squared (1 for a
     * user's model).
     */
    public double relativeCost() {
        double base =
                user.isPresent()
                        ? user.get() instanceof UserModel.InProcess p
                                ? p.model().relativeCost()
                                : 1.0
                        : Catalog.model(name).orElseThrow().relativeCost();
        return base * width * width;
    }

    /**
     * The default name of a model from class {@code className}: its simple name in lower case, e.g.
     * {@code mynet}.
     */
    public static String defaultName(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1).replace('$', '-');
        String n = simple.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "");
        return n.isEmpty() || !Character.isLetter(n.charAt(0)) ? "model-" + n : n;
    }
}
