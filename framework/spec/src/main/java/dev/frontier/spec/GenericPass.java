package dev.frontier.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pass of a type declared only through its {@link ParamDecl}s (no record of its own): the usual
 * form of a pass a {@link PassProvider} adds. Its step reads values with {@link #value(String)}.
 *
 * @param type its type
 * @param params the sweepable parameters by key, in declaration order
 * @param settings the settings by key, in declaration order
 */
public record GenericPass(PassType type, Map<String, Param<?>> params, Map<String, Object> settings)
        implements Pass {

    /** Checks every value against the type's declarations. */
    public GenericPass {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        Object[] ordered = new Object[type.params().size()];
        for (int i = 0; i < ordered.length; i++) {
            ParamDecl<?> d = type.params().get(i);
            ordered[i] = d.sweepable() ? params.get(d.key()) : settings.get(d.key());
        }
        type.check(ordered);
    }

    static Pass fromValues(PassType type, List<Object> values) {
        Map<String, Param<?>> params = new LinkedHashMap<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            ParamDecl<?> d = type.params().get(i);
            if (d.sweepable()) {
                params.put(d.key(), (Param<?>) values.get(i));
            } else {
                settings.put(d.key(), values.get(i));
            }
        }
        return new GenericPass(type, params, settings);
    }

    /** The fixed value of a parameter (its single value), or a setting. */
    @SuppressWarnings("unchecked")
    public <T> T value(String key) {
        if (params.containsKey(key)) {
            return (T) params.get(key).value();
        }
        if (settings.containsKey(key)) {
            return (T) settings.get(key);
        }
        throw new IllegalArgumentException(type.name() + " has no parameter '" + key + "'");
    }

    @Override
    public Map<String, Object> effectiveParams() {
        Map<String, Object> m = Passes.fixedValues(this);
        settings.forEach(
                (k, v) -> {
                    if (!(v instanceof Map<?, ?> map && map.isEmpty())
                            && !(v instanceof List<?> list && list.isEmpty())) {
                        m.put(k, v);
                    }
                });
        return m;
    }

    @Override
    public int trainingEpochs() {
        return type.epochsParam().map(k -> ((Number) value(k)).intValue()).orElse(0);
    }
}
