package dev.frontier.exec.pass;

import dev.frontier.exec.stage.PassStep;
import dev.frontier.exec.stage.StepContext;
import dev.frontier.model.FrontierModel;
import dev.frontier.spec.Finetune;
import dev.frontier.spec.Pass;
import dev.frontier.train.TrainConfig;
import dev.frontier.train.TrainingHooks;
import java.io.IOException;
import java.util.List;

/** Runs {@link Finetune}: trains the input model further; a pruned input stays pruned. */
public final class FinetuneStep implements PassStep {

    /** For {@link java.util.ServiceLoader}. */
    public FinetuneStep() {}

    @Override
    public List<String> runs() {
        return List.of(Finetune.TYPE.name());
    }

    @Override
    public void run(Pass pass, StepContext step) throws IOException {
        Finetune f = (Finetune) pass;
        TrainConfig cfg = step.training().withEpochs(f.epochs().value()).withLr(f.lr().value());
        try (FrontierModel input = step.loadInput()) {
            // a pruned input stays pruned: the training loop re-applies its zeros after every step
            step.train(cfg, TrainingHooks.standard(), input);
            step.save(input);
        }
    }
}
