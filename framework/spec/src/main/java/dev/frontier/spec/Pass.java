package dev.frontier.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a sweep's pipeline, applied to the model the previous step produced. Its {@link
 * #params()} may be sweep axes; a planned trial holds passes whose params are all fixed. What a
 * pass takes is declared by its {@link #type()}; built-in passes are records ({@link Prune}, {@link
 * Quantize}, {@link Distill}, {@link Finetune}), others are {@link GenericPass}es.
 */
public interface Pass {

    /** The pass's type: its name, role and declared parameters. */
    PassType type();

    /** The pass's YAML key. */
    default String name() {
        return type().name();
    }

    /** The sweepable parameters by YAML key, in canonical order. */
    default Map<String, Param<?>> params() {
        return Passes.params(this);
    }

    /**
     * Settings that are not sweepable (layer lists, per-layer overrides) by YAML key; often empty.
     */
    default Map<String, Object> settings() {
        return Passes.settings(this);
    }

    /**
     * This pass with some parameters replaced.
     *
     * @param replacements YAML key to new parameter; keys must be among {@link #params()}
     */
    default Pass with(Map<String, Param<?>> replacements) {
        Passes.checkKeys(this, replacements);
        Map<String, Object> values = new LinkedHashMap<>(params());
        values.putAll(settings());
        values.putAll(replacements);
        return type().create(values);
    }

    /**
     * The parameters that change this pass's result, for a pass whose params are all fixed: e.g. a
     * 32-bit quantize is the identity and keeps only {@code bits}; a ptq quantize drops {@code
     * qatEpochs}. Shown in plans and logged with trials; ids and stage keys hash {@link
     * #identityParams()}.
     */
    Map<String, Object> effectiveParams();

    /**
     * Parameters added to the DSL after specs were first written and hashed, each with the value
     * every spec written before it means ({@link ParamDecl#implicit()}). At that value a parameter
     * is left out of the canonical YAML ({@link SpecWriter}) and of {@link #identityParams()}, so
     * older specs keep their spec hash, trial ids and cached stages.
     */
    default Map<String, Object> implicitDefaults() {
        Map<String, Object> m = new LinkedHashMap<>();
        type().params().stream()
                .filter(ParamDecl::implicit)
                .forEach(p -> m.put(p.key(), p.defaultValue()));
        return m;
    }

    /**
     * What identifies this (fixed) pass in trial ids and stage keys: {@link #effectiveParams()}
     * without the parameters that are at their {@link #implicitDefaults()}.
     */
    default Map<String, Object> identityParams() {
        Map<String, Object> implicit = implicitDefaults();
        if (implicit.isEmpty()) {
            return effectiveParams();
        }
        Map<String, Object> m = new LinkedHashMap<>(effectiveParams());
        m.entrySet().removeIf(e -> e.getValue().equals(implicit.get(e.getKey())));
        return m;
    }

    /** Epochs of training this (fixed) pass runs, for cost estimates. */
    int trainingEpochs();

    /**
     * Whether some value of this pass trains the weights (a pass that trains must come before the
     * {@link PassType.Role#ENCODE} pass). By default, whether its epochs parameter can be above 0.
     */
    default boolean mayTrain() {
        if (type().role() == PassType.Role.STUDENT) {
            return true;
        }
        return type().epochsParam()
                .map(
                        k ->
                                params().get(k).values().stream()
                                        .anyMatch(e -> ((Number) e).intValue() > 0))
                .orElse(false);
    }
}
