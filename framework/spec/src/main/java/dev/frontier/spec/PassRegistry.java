package dev.frontier.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every pass type on the class path, by name: the built-in ones ({@link BuiltinPasses}) and those
 * of any other {@link PassProvider}. Immutable once loaded.
 */
public final class PassRegistry {

    private final Map<String, PassType> types;

    private PassRegistry(Map<String, PassType> types) {
        this.types = Map.copyOf(types);
        this.order = List.copyOf(types.keySet());
    }

    private final List<String> order;

    /** The pass types the providers on {@code loader}'s class path supply. */
    public static PassRegistry load(ClassLoader loader) {
        Map<String, PassType> types = new LinkedHashMap<>();
        Map<String, String> from = new LinkedHashMap<>();
        List<PassProvider> providers = new ArrayList<>();
        ServiceLoader.load(PassProvider.class, loader).forEach(providers::add);
        // the built-in passes first, whatever the class path's order
        providers.sort(java.util.Comparator.comparing(p -> p instanceof BuiltinPasses ? 0 : 1));
        for (PassProvider provider : providers) {
            for (PassType type : provider.passes()) {
                String by = provider.getClass().getName();
                if (types.containsKey(type.name())) {
                    throw new IllegalStateException(
                            "pass '"
                                    + type.name()
                                    + "' is supplied twice: by "
                                    + from.get(type.name())
                                    + " and by "
                                    + by);
                }
                types.put(type.name(), type);
                from.put(type.name(), by);
            }
        }
        return new PassRegistry(types);
    }

    /** The pass types on this thread's class path (the context class loader's, else this one's). */
    public static PassRegistry standard() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return load(cl != null ? cl : PassRegistry.class.getClassLoader());
    }

    /** A registry of exactly these types (for tests and tools). */
    public static PassRegistry of(List<PassType> types) {
        Map<String, PassType> m = new LinkedHashMap<>();
        for (PassType t : types) {
            if (m.put(t.name(), t) != null) {
                throw new IllegalStateException("pass '" + t.name() + "' is supplied twice");
            }
        }
        return new PassRegistry(m);
    }

    /** The type named {@code name}, if registered. */
    public Optional<PassType> get(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /** The registered names, built-in first, in the order providers supplied them. */
    public List<String> names() {
        return order;
    }

    /** The registered types, in {@link #names()} order. */
    public List<PassType> all() {
        List<PassType> out = new ArrayList<>();
        order.forEach(n -> out.add(types.get(n)));
        return out;
    }
}
