package dev.frontier.compress;

import ai.djl.ndarray.NDManager;
import dev.frontier.model.FrontierModel;
import dev.frontier.train.TrainingHooks;

/**
 * Gradual pruning as an after-step action: masks recomputed on Zhu and Gupta's cubic schedule.
 * Fixed masks need no hook: the training loop keeps a pruned model's zeros ({@link
 * dev.frontier.train.ZeroGuard}).
 */
public final class PruningHooks {
    private PruningHooks() {}

    /**
     * Gradual pruning: at the schedule's update steps the masks are recomputed at the scheduled
     * sparsity, and the current masks are re-applied after every step. Masks live in {@code
     * manager}.
     */
    public static TrainingHooks.StepAction gradual(
            MagnitudePruner pruner, GradualSchedule schedule, NDManager manager) {
        return new TrainingHooks.StepAction() {
            private Masks current;

            @Override
            public void run(FrontierModel model, int step) {
                LayerMap layers = LayerMap.of(model.block());
                if (schedule.updatesAt(step) || current == null) {
                    Masks next = pruner.masks(layers, schedule.sparsityAt(step), manager);
                    if (current != null) {
                        current.close();
                    }
                    current = next;
                }
                current.apply(layers);
            }
        };
    }
}
