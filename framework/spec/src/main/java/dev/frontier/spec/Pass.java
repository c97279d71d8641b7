package dev.frontier.spec;

import java.util.Map;

/**
 * One step of a sweep's pipeline, applied to the model the previous step produced.
 * Its {@link #params()} may be sweep axes; a planned trial holds passes whose params are all fixed.
 */
public sealed interface Pass permits Distill, Prune, Quantize, Finetune {

    /** The kind of pass, which is also its YAML key. */
    Kind kind();

    /** The sweepable parameters by YAML key, in canonical order. */
    Map<String, Param<?>> params();

    /** Settings that are not sweepable (layer lists, per-layer overrides) by YAML key; often empty. */
    Map<String, Object> settings();

    /**
     * This pass with some parameters replaced.
     *
     * @param replacements YAML key to new parameter; keys must be among {@link #params()}
     */
    Pass with(Map<String, Param<?>> replacements);

    /**
     * The parameters that change this pass's result, for a pass whose params are all fixed: e.g. a 32-bit
     * quantize is the identity and keeps only {@code bits}; a ptq quantize drops {@code qatEpochs}.
     */
    Map<String, Object> effectiveParams();

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
