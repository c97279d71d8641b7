package dev.frontier.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers shared by the pass records. */
final class Passes {

    private Passes() {}

    static void checkKeys(Pass pass, Map<String, Param<?>> replacements) {
        for (String key : replacements.keySet()) {
            if (!pass.params().containsKey(key)) {
                throw new IllegalArgumentException(
                        pass.kind().yamlName()
                                + " has no parameter '"
                                + key
                                + "'; expected one of "
                                + pass.params().keySet());
            }
        }
    }

    @SuppressWarnings("unchecked")
    static <T> Param<T> pick(Map<String, Param<?>> replacements, String key, Param<T> current) {
        return replacements.containsKey(key) ? (Param<T>) replacements.get(key) : current;
    }

    /** The fixed value of every param, in order. */
    static Map<String, Object> fixedValues(Pass pass) {
        var out = new LinkedHashMap<String, Object>();
        pass.params().forEach((k, p) -> out.put(k, p.value()));
        return out;
    }
}
