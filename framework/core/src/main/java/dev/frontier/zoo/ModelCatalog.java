package dev.frontier.zoo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The registered models, found with {@link ServiceLoader} on the class path: the built-ins (package
 * {@value #BUILT_IN_PACKAGE}) first, in their service-file order, then any others in class-path
 * order. Immutable: loaded once per class loader, on first use.
 */
public final class ModelCatalog {
    /** The package of Frontier's own zoo models. */
    public static final String BUILT_IN_PACKAGE = "dev.frontier.model.zoo";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final Map<String, ModelEntry> entries;
    private final List<String> names;

    private ModelCatalog(Map<String, ModelEntry> entries) {
        this.entries = Map.copyOf(entries);
        this.names = List.copyOf(entries.keySet());
    }

    /**
     * The models registered with {@code loader}'s class path; a bad or duplicate name is an error
     * naming both classes.
     */
    public static ModelCatalog load(ClassLoader loader) {
        Map<String, ModelEntry> found = new LinkedHashMap<>();
        List<ModelEntry> all = new java.util.ArrayList<>();
        ServiceLoader.load(ModelEntry.class, loader).forEach(all::add);
        all.sort(
                java.util.Comparator.comparing(
                        e -> !BUILT_IN_PACKAGE.equals(e.getClass().getPackageName())));
        for (ModelEntry e : all) {
            String n = e.name();
            if (n == null || !NAME.matcher(n).matches()) {
                throw new IllegalStateException(
                        "model provider "
                                + e.getClass().getName()
                                + " has name '"
                                + n
                                + "'; a model name is lower case letters, digits and '-', starting with a letter");
            }
            ModelEntry old = found.putIfAbsent(n, e);
            if (old != null && old.getClass() != e.getClass()) {
                throw new IllegalStateException(
                        "model name '"
                                + n
                                + "' is registered twice: "
                                + old.getClass().getName()
                                + " and "
                                + e.getClass().getName());
            }
        }
        return new ModelCatalog(found);
    }

    /** The models on this library's class path. */
    public static ModelCatalog standard() {
        return Holder.STANDARD;
    }

    /** Registered names, built-ins first. */
    public List<String> names() {
        return names;
    }

    /** The model called {@code name}, if registered. */
    public Optional<ModelEntry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** The model called {@code name}; an unknown name lists the registered ones. */
    public ModelEntry get(String name) {
        return find(name)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "unknown model '"
                                                + name
                                                + "'; known models: "
                                                + String.join(", ", names)));
    }

    private static final class Holder {
        static final ModelCatalog STANDARD = load(ModelCatalog.class.getClassLoader());
    }
}
