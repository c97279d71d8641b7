package dev.frontier.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import dev.frontier.data.DataRequest;
import dev.frontier.data.DataSplits;
import dev.frontier.data.Datasets;
import dev.frontier.engine.EngineSetup;
import dev.frontier.eval.Evaluation;
import dev.frontier.eval.Evaluator;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainingLoopTest {
    static DataSplits data;

    @BeforeAll
    static void setUp() {
        EngineSetup.start(2);
        data =
                Datasets.standard(DataRequest.of(Datasets.SYNTHETIC), s -> {})
                        .load(
                                DataRequest.of(Datasets.SYNTHETIC)
                                        .withLimit(1200)
                                        .withTestLimit(300));
    }

    byte[] trainOnce(long seed) {
        try (FrontierModel m =
                FrontierModel.create(ModelSpec.of("lenet5", 0.5), Device.cpu(), seed)) {
            new TrainingLoop(
                            TrainConfig.adam(1).withSeed(seed),
                            TrainingHooks.standard(),
                            TrainingProgress.silent())
                    .train(m, data.train(), data.validation(), data.mean(), data.std());
            return TrainingLoop.snapshot(m);
        }
    }

    @Test
    void sameSeed_isBitReproducible() {
        assertArrayEquals(trainOnce(7), trainOnce(7));
    }

    @Test
    void differentSeed_givesDifferentWeights() {
        assertFalse(java.util.Arrays.equals(trainOnce(7), trainOnce(8)));
    }

    @Test
    void training_learnsTheSyntheticClasses() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("mlp", 0.5), Device.cpu(), 3)) {
            TrainingReport r =
                    new TrainingLoop(
                                    TrainConfig.adam(3).withSchedule(TrainConfig.Schedule.COSINE),
                                    TrainingHooks.standard(),
                                    TrainingProgress.silent())
                            .train(m, data.train(), data.validation(), data.mean(), data.std());
            assertEquals(3, r.epochs().size());
            assertTrue(r.epochs().get(2).trainLoss() < r.epochs().get(0).trainLoss(), r.toString());
            Evaluation e = new Evaluator(100).evaluate(m, data.test(), data.mean(), data.std());
            assertTrue(e.accuracy().value() > 0.9, "test accuracy " + e.accuracy());
            assertTrue(
                    e.accuracy().low() < e.accuracy().value()
                            && e.accuracy().high() >= e.accuracy().value());
            int total = 0;
            for (int[] row : e.confusion()) {
                for (int v : row) {
                    total += v;
                }
            }
            assertEquals(300, total);
        }
    }

    @Test
    void hugeLearningRate_stopsWithAClearDivergenceError() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("mlp", 0.5), Device.cpu(), 3)) {
            TrainingLoop loop =
                    new TrainingLoop(
                            new TrainConfig(
                                    TrainConfig.Optimizer.SGD,
                                    1e9,
                                    0.9,
                                    0,
                                    TrainConfig.Schedule.NONE,
                                    1,
                                    0.1,
                                    2,
                                    64,
                                    1,
                                    0),
                            TrainingHooks.standard(),
                            TrainingProgress.silent());
            TrainingDivergedException e =
                    assertThrows(
                            TrainingDivergedException.class,
                            () ->
                                    loop.train(
                                            m,
                                            data.train(),
                                            data.validation(),
                                            data.mean(),
                                            data.std()));
            assertTrue(e.getMessage().contains("Lower the learning rate"), e.getMessage());
            assertTrue(e.getMessage().contains("epoch 1"), e.getMessage());
        }
    }

    @Test
    void epochFigures_equalWhatPerBatchReadsGive() {
        // 1080 images in batches of 32: 34 batches, more than one device read, a partial last batch
        Loss ce = Loss.softmaxCrossEntropyLoss();
        double[] lossSum = {0};
        long[] right = {0};
        TrainingHooks hooks =
                TrainingHooks.standard()
                        .withLoss(
                                (x, y, p) -> {
                                    NDArray l = ce.evaluate(new NDList(y), p);
                                    float loss = l.getFloat();
                                    long[] predicted = p.singletonOrThrow().argMax(1).toLongArray();
                                    float[] labels = y.toFloatArray();
                                    lossSum[0] += loss * labels.length;
                                    for (int i = 0; i < labels.length; i++) {
                                        right[0] += predicted[i] == (long) labels[i] ? 1 : 0;
                                    }
                                    return l;
                                });
        int n = data.train().size();
        assertTrue(n / 32 > TrainingLoop.CHECK_EVERY && n % 32 != 0, "n = " + n);
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("mlp", 0.5), Device.cpu(), 3)) {
            TrainingReport r =
                    new TrainingLoop(
                                    TrainConfig.adam(1).withBatchSize(32),
                                    hooks,
                                    TrainingProgress.silent())
                            .train(m, data.train(), data.validation(), data.mean(), data.std());
            EpochStats e = r.epochs().get(0);
            assertEquals(lossSum[0] / n, e.trainLoss(), 0.0);
            assertEquals((double) right[0] / n, e.trainAccuracy(), 0.0);
            assertTrue(e.trainAccuracy() > 0.3, e.toString());
        }
    }

    /** Standard cross-entropy, times NaN from the {@code badCall}-th batch (1-based) on. */
    static TrainingHooks nanFrom(int badCall) {
        Loss ce = Loss.softmaxCrossEntropyLoss();
        int[] calls = {0};
        return TrainingHooks.standard()
                .withLoss(
                        (x, y, p) -> {
                            NDArray l = ce.evaluate(new NDList(y), p);
                            return ++calls[0] >= badCall ? l.mul(Float.NaN) : l;
                        });
    }

    @Test
    void nonFiniteLoss_namesTheBatchItAppearedIn() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("mlp", 0.5), Device.cpu(), 3)) {
            TrainingLoop loop =
                    new TrainingLoop(
                            TrainConfig.adam(2).withBatchSize(16),
                            nanFrom(5),
                            TrainingProgress.silent());
            TrainingDivergedException e =
                    assertThrows(
                            TrainingDivergedException.class,
                            () ->
                                    loop.train(
                                            m,
                                            data.train(),
                                            data.validation(),
                                            data.mean(),
                                            data.std()));
            assertTrue(
                    e.getMessage().contains("loss became NaN at epoch 1, batch 5 "),
                    e.getMessage());
            assertTrue(
                    e.getMessage().contains("Seen at batch " + TrainingLoop.CHECK_EVERY),
                    e.getMessage());
        }
    }

    @Test
    void hookFailingAfterTheLossWentNaN_reportsTheDivergenceWithTheFailureAsCause() {
        IllegalStateException boom = new IllegalStateException("hook saw NaN weights");
        TrainingHooks hooks =
                nanFrom(3)
                        .withAfterStep(
                                (model, step) -> {
                                    if (step == 5) {
                                        throw boom;
                                    }
                                });
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("mlp", 0.5), Device.cpu(), 3)) {
            TrainingLoop loop =
                    new TrainingLoop(
                            TrainConfig.adam(1).withBatchSize(16),
                            hooks,
                            TrainingProgress.silent());
            TrainingDivergedException e =
                    assertThrows(
                            TrainingDivergedException.class,
                            () ->
                                    loop.train(
                                            m,
                                            data.train(),
                                            data.validation(),
                                            data.mean(),
                                            data.std()));
            assertTrue(e.getMessage().contains("at epoch 1, batch 3 "), e.getMessage());
            assertTrue(e.getMessage().contains("Seen at batch 6"), e.getMessage());
            assertSame(boom, e.getCause());
        }
    }

    @Test
    void hookFailingWithFiniteLosses_propagatesUnchanged() {
        IllegalStateException boom = new IllegalStateException("plain hook failure");
        TrainingHooks hooks =
                TrainingHooks.standard()
                        .withBeforeStep(
                                (model, step) -> {
                                    if (step == 2) {
                                        throw boom;
                                    }
                                });
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("mlp", 0.5), Device.cpu(), 3)) {
            TrainingLoop loop =
                    new TrainingLoop(
                            TrainConfig.adam(1).withBatchSize(16),
                            hooks,
                            TrainingProgress.silent());
            assertSame(
                    boom,
                    assertThrows(
                            IllegalStateException.class,
                            () ->
                                    loop.train(
                                            m,
                                            data.train(),
                                            data.validation(),
                                            data.mean(),
                                            data.std())));
        }
    }

    @Test
    void earlyStopping_keepsTheBestEpoch() {
        try (FrontierModel m = FrontierModel.create(ModelSpec.of("mlp", 0.25), Device.cpu(), 3)) {
            // a tiny constant lr plateaus quickly; patience 1 must stop before 30 epochs
            TrainingReport r =
                    new TrainingLoop(
                                    TrainConfig.adam(30).withPatience(1).withLr(3e-2),
                                    TrainingHooks.standard(),
                                    TrainingProgress.silent())
                            .train(m, data.train(), data.validation(), data.mean(), data.std());
            assertTrue(r.stoppedEarly(), "ran " + r.epochs().size() + " epochs");
            double best =
                    r.epochs().stream()
                            .mapToDouble(EpochStats::validationAccuracy)
                            .max()
                            .orElseThrow();
            assertEquals(best, r.epochs().get(r.bestEpoch() - 1).validationAccuracy());
            double now =
                    new Evaluator(100)
                            .evaluate(m, data.validation(), data.mean(), data.std())
                            .accuracy()
                            .value();
            assertEquals(best, now, 1e-9);
        }
    }
}
