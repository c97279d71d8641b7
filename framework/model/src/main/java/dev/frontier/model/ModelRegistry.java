package dev.frontier.model;

import dev.frontier.zoo.ModelCatalog;
import dev.frontier.zoo.ModelEntry;
import java.util.List;

/** The {@link ModelProvider}s registered on the class path (through {@link ModelCatalog}). */
public final class ModelRegistry {
    private ModelRegistry() {}

    /** Registered model names, built-ins first. */
    public static List<String> names() {
        return ModelCatalog.standard().names();
    }

    /** The provider of {@code name}; an unknown name lists the known ones. */
    public static ModelProvider provider(String name) {
        ModelEntry e = ModelCatalog.standard().get(name);
        if (!(e instanceof ModelProvider p)) {
            throw new IllegalStateException(
                    "model '"
                            + name
                            + "' ("
                            + e.getClass().getName()
                            + ") is registered without a block factory; implement "
                            + ModelProvider.class.getName());
        }
        return p;
    }
}
