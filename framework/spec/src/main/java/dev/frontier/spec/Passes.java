package dev.frontier.spec;

import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Helpers shared by the passes. */
final class Passes {

    private Passes() {}

    static void checkKeys(Pass pass, Map<String, Param<?>> replacements) {
        for (String key : replacements.keySet()) {
            if (!pass.params().containsKey(key)) {
                throw new IllegalArgumentException(
                        pass.name()
                                + " has no parameter '"
                                + key
                                + "'; expected one of "
                                + pass.params().keySet());
            }
        }
    }

    /** The fixed value of every param, in order. */
    static Map<String, Object> fixedValues(Pass pass) {
        var out = new LinkedHashMap<String, Object>();
        pass.params().forEach((k, p) -> out.put(k, p.value()));
        return out;
    }

    /** A record pass's sweepable parameters: its components that are declared sweepable. */
    static Map<String, Param<?>> params(Pass pass) {
        Map<String, Param<?>> m = new LinkedHashMap<>();
        for (ParamDecl<?> d : pass.type().params()) {
            if (d.sweepable()) {
                m.put(d.key(), (Param<?>) component(pass, d.key()));
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** A record pass's settings: its components that are declared not sweepable. */
    static Map<String, Object> settings(Pass pass) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (ParamDecl<?> d : pass.type().params()) {
            if (!d.sweepable()) {
                m.put(d.key(), component(pass, d.key()));
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private static Object component(Pass pass, String key) {
        if (!(pass instanceof Record)) {
            throw new IllegalStateException(
                    pass.getClass()
                            + " is not a record: it must implement params() and settings()");
        }
        for (RecordComponent c : pass.getClass().getRecordComponents()) {
            if (c.getName().equals(key)) {
                try {
                    return c.getAccessor().invoke(pass);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException(pass.getClass() + " has no component " + key);
    }
}
