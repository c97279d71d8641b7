package dev.frontier.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.frontier.data.DataRequest;
import dev.frontier.data.DataSplits;
import dev.frontier.data.Datasets;
import dev.frontier.engine.EngineSetup;
import dev.frontier.eval.Evaluation;
import dev.frontier.eval.Evaluator;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Integration: real Fashion-MNIST (installed by .ci/run), real DJL training. */
@Tag("integration")
class RealFashionMnistTest {
    @Test
    void lenet5_onA10kRealSubset_reaches75PercentInOneEpoch() {
        EngineSetup.start(2);
        DataRequest r = DataRequest.of("fashion-mnist").withLimit(10_000).withTestLimit(2_000);
        DataSplits d = Datasets.standard(r, System.out::println).load(r);
        assertEquals(9_000, d.train().size());
        assertEquals(1_000, d.validation().size());
        assertEquals(2_000, d.test().size());
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("lenet5", 1), Device.cpu(), 42)) {
            new TrainingLoop(
                            TrainConfig.adam(1).withBatchSize(64),
                            TrainingHooks.standard(),
                            new TrainingProgress.Lines(System.out, "lenet5-it"))
                    .train(m, d.train(), d.validation(), d.mean(), d.std());
            Evaluation e = new Evaluator(500).evaluate(m, d.test(), d.mean(), d.std());
            System.out.println("lenet5, 9k real images, 1 epoch: test " + e.accuracy());
            assertTrue(e.accuracy().value() >= 0.75, "test accuracy " + e.accuracy());
        }
    }
}
