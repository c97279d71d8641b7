package dev.frontier.spec;

import java.util.Map;

/**
 * One step of a sweep's pipeline, applied to the model the previous step produced. Its {@link
 * #params()} may be sweep axes; a planned trial holds passes whose params are all fixed.
 */
public sealed interface Pass permits Distill, Prune, Quantize, Finetune {

    /** The kind of pass, which is also its YAML key. */
    Kind kind();

    /** The sweepable parameters by YAML key, in canonical order. */
    Map<String, Param<?>> params();

    /**
     * Settings that are not sweepable (layer lists, per-layer overrides) by YAML key; often empty.
     */
    Map<String, Object> settings();

    /**
     * This pass with some parameters replaced.
     *
     * @param replacements YAML key to new parameter; keys must be among {@link #params()}
     */
    Pass with(Map<String, Param<?>> replacements);

    /**
     * The parameters that change this pass's result, for a pass whose params are all fixed: e.g. a
     * 32-bit quantize is the identity and keeps only {@code bits}; a ptq quantize drops {@code
     * qatEpochs}. Shown in plans and logged with trials; ids and stage keys hash {@link
     * #identityParams()}.
     */
    Map<String, Object> effectiveParams();

    /**
     * Parameters added to the DSL after specs were first written and hashed, each with the value
     * every spec written before it means. At that value a parameter is left out of the canonical
     * YAML ({@link SpecWriter}) and of {@link #identityParams()}, so older specs keep their spec
     * hash, trial ids and cached stages. Empty for most passes.
     */
    default Map<String, Object> implicitDefaults() {
        return Map.of();
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
        Map<String, Object> m = new java.util.LinkedHashMap<>(effectiveParams());
        m.entrySet().removeIf(e -> e.getValue().equals(implicit.get(e.getKey())));
        return m;
    }

    /** Epochs of training this (fixed) pass runs, for cost estimates. */
    int trainingEpochs();

    /** The kinds of passes. */
    enum Kind implements Named {
        /** Knowledge distillation from the teacher. */
        DISTILL,
        /** Pruning, with optional fine-tuning. */
        PRUNE,
        /** Quantization, post-training or quantization-aware. */
        QUANTIZE,
        /** Plain fine-tuning. */
        FINETUNE;

        @Override
        public String yamlName() {
            return name().toLowerCase();
        }
    }
}
