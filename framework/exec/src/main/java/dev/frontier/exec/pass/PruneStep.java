package dev.frontier.exec.pass;

import dev.frontier.compress.GradualSchedule;
import dev.frontier.compress.LayerMap;
import dev.frontier.compress.MagnitudePruner;
import dev.frontier.compress.Masks;
import dev.frontier.compress.PruningHooks;
import dev.frontier.compress.StructuredPruner;
import dev.frontier.exec.stage.PassStep;
import dev.frontier.exec.stage.StepContext;
import dev.frontier.model.FrontierModel;
import dev.frontier.spec.Pass;
import dev.frontier.spec.Prune;
import dev.frontier.train.TrainConfig;
import dev.frontier.train.TrainingHooks;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link Prune}: removes whole channels (structured; the model really shrinks) or zeroes the
 * smallest weights (magnitude, one shot or on a gradual schedule), then fine-tunes.
 */
public final class PruneStep implements PassStep {

    /** For {@link java.util.ServiceLoader}. */
    public PruneStep() {}

    @Override
    public List<String> runs() {
        return List.of(Prune.TYPE.name());
    }

    @Override
    public void run(Pass pass, StepContext step) throws IOException {
        Prune p = (Prune) pass;
        Map<String, Object> meta = step.meta();
        double ratio = p.ratio().value();
        int epochs = p.finetuneEpochs().value();
        TrainConfig cfg = step.withLr(step.training().withEpochs(epochs), p.finetuneLr().value());
        if (epochs > 0) {
            meta.put("lr", cfg.lr());
        }
        try (FrontierModel input = step.loadInput()) {
            if (p.method().value() == Prune.Method.STRUCTURED) {
                StructuredPruner pruner = new StructuredPruner(norm(p.norm().value()), p.exclude());
                try (FrontierModel small = pruner.apply(input, pruner.plan(input, ratio))) {
                    meta.put("hidden", small.spec().effectiveHidden());
                    if (epochs > 0) {
                        step.train(cfg, TrainingHooks.standard(), small);
                    }
                    step.save(small);
                }
                return;
            }
            LayerMap layers = LayerMap.of(input.block());
            List<String> excluded = layers.excludedFromPruning(p.exclude());
            MagnitudePruner pruner = new MagnitudePruner(scope(p.scope().value()), excluded);
            meta.put("excluded", excluded);
            try (var maskScope = input.djlModel().getNDManager().newSubManager()) {
                TrainingHooks hooks;
                if (p.schedule().value() == Prune.Schedule.GRADUAL && epochs > 0) {
                    int batches =
                            (step.data().train().size() + cfg.batchSize() - 1) / cfg.batchSize();
                    int steps = epochs * batches;
                    int end = Math.max(1, (int) (steps * p.rampEnd().value()));
                    meta.put("steps", steps);
                    meta.put("ramp_end_step", end);
                    hooks =
                            TrainingHooks.standard()
                                    .withAfterStep(
                                            PruningHooks.gradual(
                                                    pruner,
                                                    new GradualSchedule(
                                                            0,
                                                            ratio,
                                                            0,
                                                            end,
                                                            Math.max(1, end / 20)),
                                                    maskScope));
                } else {
                    // the training loop keeps the zeros of a pruned model zero (ZeroGuard): no hook
                    // needed
                    try (Masks masks = pruner.masks(layers, ratio, maskScope)) {
                        masks.apply(layers);
                    }
                    hooks = TrainingHooks.standard();
                }
                if (epochs > 0) {
                    step.train(cfg, hooks, input);
                }
            }
            step.save(input);
        }
    }

    static MagnitudePruner.Scope scope(Prune.Scope s) {
        return s == Prune.Scope.GLOBAL ? MagnitudePruner.Scope.GLOBAL : MagnitudePruner.Scope.LAYER;
    }

    static StructuredPruner.Norm norm(Prune.Norm n) {
        return StructuredPruner.Norm.valueOf(n.name());
    }
}
