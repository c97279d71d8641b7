package dev.frontier.spec;

import java.util.List;

/** The passes Frontier ships: distill, prune, quantize, finetune. */
public final class BuiltinPasses implements PassProvider {

    /** For {@link java.util.ServiceLoader}. */
    public BuiltinPasses() {}

    @Override
    public List<PassType> passes() {
        return List.of(Distill.TYPE, Prune.TYPE, Quantize.TYPE, Finetune.TYPE);
    }
}
