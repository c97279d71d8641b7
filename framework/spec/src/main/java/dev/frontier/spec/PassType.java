package dev.frontier.spec;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A kind of pass as the registry knows it: its YAML key, where it may stand in a pipeline, and its
 * declared parameters. Every pass of a sweep is made by {@link #create}, which checks each value
 * against its {@link ParamDecl} and then the type's cross-parameter rules, so a limit is checked in
 * one place. Types are found through {@link PassProvider}s ({@link PassRegistry}).
 */
public final class PassType {

    /** Where a pass may stand in a pipeline. */
    public enum Role {
        /** Trains a new student from the teacher: first, and only with a teacher. */
        STUDENT,
        /** Transforms the current model (pruning, fine-tuning, factorization). */
        TRANSFORM,
        /**
         * Encodes the weights for the file (quantization, weight sharing): at most one, after every
         * pass that trains.
         */
        ENCODE
    }

    /** Builds a pass from its values, in declaration order. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param type the type
         * @param values a {@link Param} for each sweepable parameter, the raw value for each
         *     setting, in declaration order
         */
        Pass make(PassType type, List<Object> values);
    }

    private final String name;
    private final Role role;
    private final String doc;
    private final List<ParamDecl<?>> params;
    private final Factory factory;
    private final Function<Map<String, Object>, List<Problem>> rules;
    private final String epochsParam;
    private final List<Map<String, Object>> schemaRules;

    private PassType(
            String name,
            Role role,
            String doc,
            List<ParamDecl<?>> params,
            Factory factory,
            Function<Map<String, Object>, List<Problem>> rules,
            String epochsParam,
            List<Map<String, Object>> schemaRules) {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException(
                    "pass name '" + name + "': expected lower-case letters, digits and '-'");
        }
        this.name = name;
        this.role = role;
        this.doc = doc;
        this.params = List.copyOf(params);
        this.factory = factory;
        this.rules = rules;
        this.epochsParam = epochsParam;
        this.schemaRules = List.copyOf(schemaRules);
        if (epochsParam != null && param(epochsParam).isEmpty()) {
            throw new IllegalArgumentException(name + ": no parameter " + epochsParam);
        }
    }

    /**
     * A pass type whose passes are {@link GenericPass}es: the usual way to add a pass.
     *
     * @param name YAML key
     * @param role where it may stand
     * @param doc one line for the README's table
     * @param params the parameters, in canonical order
     */
    public static PassType of(String name, Role role, String doc, List<ParamDecl<?>> params) {
        return new PassType(
                name, role, doc, params, GenericPass::fromValues, v -> List.of(), null, List.of());
    }

    /**
     * A pass type whose passes are instances of {@code record}, a record whose components are the
     * declared parameters in the same order (a {@link Param} for each sweepable one, the raw value
     * for each setting); built through its canonical constructor.
     */
    public static <R extends Record & Pass> PassType ofRecord(
            Class<R> record, String name, Role role, String doc, List<ParamDecl<?>> params) {
        RecordComponent[] components = record.getRecordComponents();
        if (components.length != params.size()) {
            throw new IllegalArgumentException(
                    record.getSimpleName()
                            + " has "
                            + components.length
                            + " components, "
                            + name
                            + " declares "
                            + params.size()
                            + " parameters");
        }
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            if (!components[i].getName().equals(params.get(i).key())) {
                throw new IllegalArgumentException(
                        record.getSimpleName()
                                + " component "
                                + i
                                + " is "
                                + components[i].getName()
                                + ", declared "
                                + params.get(i).key());
            }
            types[i] = components[i].getType();
        }
        Constructor<R> constructor;
        try {
            constructor = record.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(record + " has no canonical constructor", e);
        }
        Factory factory =
                (type, values) -> {
                    try {
                        return constructor.newInstance(values.toArray());
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof RuntimeException r) {
                            throw r;
                        }
                        throw new IllegalStateException(e.getCause());
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                };
        return new PassType(name, role, doc, params, factory, v -> List.of(), null, List.of());
    }

    /**
     * This type with rules that span parameters, run after each value passed its declaration: given
     * each parameter by key ({@link Param} or setting), the problems found (paths relative to the
     * pass).
     */
    public PassType withRules(Function<Map<String, Object>, List<Problem>> rules) {
        return new PassType(name, role, doc, params, factory, rules, epochsParam, schemaRules);
    }

    /** This type with the integer parameter that counts its training epochs (for benches). */
    public PassType withEpochs(String param) {
        return new PassType(name, role, doc, params, factory, rules, param, schemaRules);
    }

    /**
     * This type with JSON Schema fragments (each an {@code allOf} entry of the pass's object) that
     * let editors flag some cross-parameter rules too; {@link #withRules} stays the check.
     */
    public PassType withSchemaRules(List<Map<String, Object>> fragments) {
        return new PassType(name, role, doc, params, factory, rules, epochsParam, fragments);
    }

    /** The JSON Schema fragments of {@link #withSchemaRules}. */
    public List<Map<String, Object>> schemaRules() {
        return schemaRules;
    }

    /** The YAML key. */
    public String name() {
        return name;
    }

    /** Where a pass of this type may stand. */
    public Role role() {
        return role;
    }

    /** One line for the README's table. */
    public String doc() {
        return doc;
    }

    /** Every parameter, in canonical order. */
    public List<ParamDecl<?>> params() {
        return params;
    }

    /** The declaration of {@code key}, if any. */
    public Optional<ParamDecl<?>> param(String key) {
        return params.stream().filter(p -> p.key().equals(key)).findFirst();
    }

    /**
     * The declaration of {@code key}.
     *
     * @throws IllegalArgumentException naming the declared keys, if this type has no {@code key}
     */
    public ParamDecl<?> declared(String key) {
        return param(key)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        name
                                                + " has no parameter '"
                                                + key
                                                + "'; expected one of "
                                                + params.stream().map(ParamDecl::key).toList()));
    }

    /** The integer parameter that counts training epochs, if this type trains. */
    public Optional<String> epochsParam() {
        return Optional.ofNullable(epochsParam);
    }

    /** The keys of the parameters that may be swept, in order. */
    public List<String> sweepableKeys() {
        return params.stream().filter(ParamDecl::sweepable).map(ParamDecl::key).toList();
    }

    /** A pass of this type with every parameter at its default. */
    public Pass defaults() {
        return create(Map.of());
    }

    /**
     * A pass of this type. Missing keys take their defaults.
     *
     * @param values by key: a {@link Param} (or a single value) for sweepable parameters, the raw
     *     value for settings
     * @throws SpecException naming every bad value (paths relative to the pass)
     * @throws IllegalArgumentException for a key this type does not declare
     */
    public Pass create(Map<String, ?> values) {
        values.keySet().forEach(this::declared);
        List<Object> ordered = new ArrayList<>();
        for (ParamDecl<?> p : params) {
            Object v = values.containsKey(p.key()) ? values.get(p.key()) : p.defaultValue();
            if (p.sweepable() && !(v instanceof Param<?>)) {
                v = Param.of(v);
            }
            ordered.add(v);
        }
        return factory.make(this, ordered);
    }

    /**
     * Checks values given in declaration order (as a record's canonical constructor receives them)
     * against the declarations, then the cross-parameter rules; throws every problem together.
     */
    public void check(Object... values) {
        if (values.length != params.size()) {
            throw new IllegalArgumentException(
                    name + ": " + values.length + " values for " + params.size() + " parameters");
        }
        Checks checks = new Checks();
        Map<String, Object> byKey = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            check(params.get(i), values[i], checks);
            byKey.put(params.get(i).key(), values[i]);
        }
        if (checks.ok()) {
            rules.apply(byKey).forEach(p -> checks.require(false, p.path(), p.message()));
        }
        checks.done();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void check(ParamDecl decl, Object value, Checks checks) {
        if (value == null) {
            throw new NullPointerException(decl.key());
        }
        if (!decl.sweepable()) {
            if (value instanceof Map<?, ?> map && decl.type() == ParamDecl.Type.LAYER_INTS) {
                map.forEach(
                        (layer, v) ->
                                checks.require(
                                        v instanceof Integer i
                                                && (decl.allowed().isEmpty()
                                                        || decl.allowed().contains(i)),
                                        Paths.join(decl.key(), String.valueOf(layer)),
                                        "found "
                                                + Values.show(v)
                                                + ", expected "
                                                + decl.expected()));
            } else if (value instanceof List<?> list && decl.type() == ParamDecl.Type.STRINGS) {
                checks.require(
                        list.stream().allMatch(s -> s instanceof String str && !str.isBlank()),
                        decl.key(),
                        "found an empty name, expected " + decl.expected());
            } else {
                checks.require(
                        decl.accepts(value),
                        decl.key(),
                        "found " + Values.show(value) + ", expected " + decl.expected());
            }
            return;
        }
        if (!(value instanceof Param<?> param)) {
            throw new IllegalArgumentException(decl.key() + ": expected a Param, got " + value);
        }
        if (param instanceof Param.Range && decl.type() != ParamDecl.Type.DECIMAL) {
            checks.require(
                    false,
                    decl.key(),
                    "found a range, expected a single value or a list (ranges apply to decimal"
                            + " parameters only)");
            return;
        }
        checks.param(decl.key(), (Param<Object>) param, decl::accepts, decl.expected());
    }

    /** Types are equal by name: a registry holds one type per name. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PassType t && t.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
