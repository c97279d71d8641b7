package dev.frontier.exec.stage;

import dev.frontier.codec.quant.CalibrationMethod;
import dev.frontier.codec.quant.RangeFit;
import dev.frontier.compress.QuantSettings;
import dev.frontier.data.DataRequest;
import dev.frontier.engine.DeviceChoice;
import dev.frontier.model.ModelSpec;
import dev.frontier.spec.Dataset;
import dev.frontier.spec.Device;
import dev.frontier.spec.Quantize;
import dev.frontier.spec.Training;
import dev.frontier.train.TrainConfig;
import java.util.List;
import java.util.Optional;

/**
 * Translations from the sweep model (framework/spec) to the engine's types (framework/model,
 * framework/compress).
 */
public final class Conversions {
    private Conversions() {}

    public static TrainConfig train(Training t, long seed) {
        TrainConfig.Optimizer opt =
                t.optimizer() == Training.Optimizer.SGD
                        ? TrainConfig.Optimizer.SGD
                        : TrainConfig.Optimizer.ADAM;
        TrainConfig.Schedule s =
                switch (t.schedule()) {
                    case COSINE -> TrainConfig.Schedule.COSINE;
                    case STEP -> TrainConfig.Schedule.STEP;
                    default -> TrainConfig.Schedule.NONE;
                };
        int stepEpochs = Math.max(1, t.epochs() / 3);
        return new TrainConfig(
                opt,
                t.lr(),
                t.momentum(),
                t.weightDecay(),
                s,
                stepEpochs,
                0.1,
                t.epochs(),
                t.batchSize(),
                seed,
                t.patience());
    }

    /**
     * {@code cfg} with learning rate {@code lr}, or unchanged when {@code lr} is 0 (a pass keeping
     * the training's).
     */
    public static TrainConfig withLr(TrainConfig cfg, double lr) {
        return lr > 0 ? cfg.withLr(lr) : cfg;
    }

    public static ModelSpec model(
            dev.frontier.spec.ModelSpec m,
            dev.frontier.model.ModelProvider provider,
            int channels,
            int rows,
            int cols,
            int classes) {
        return new ModelSpec(
                m.name(), m.width(), channels, rows, cols, classes, List.of(), m.args(), provider);
    }

    public static DataRequest data(Dataset d) {
        return new DataRequest(
                d.name(),
                Optional.empty(),
                d.limit(),
                0,
                d.validation(),
                d.splitSeed(),
                d.user().isEmpty(),
                d.user());
    }

    public static DeviceChoice device(Device d) {
        return DeviceChoice.parse(d.toString());
    }

    /**
     * The device {@code sweep} asks for on {@code engine}; a GPU the engine does not see is a
     * problem at {@code device}.
     */
    public static ai.djl.Device resolveDevice(
            dev.frontier.spec.Sweep sweep, ai.djl.engine.Engine engine) {
        try {
            return device(sweep.device()).resolve(engine);
        } catch (IllegalArgumentException e) {
            throw new dev.frontier.spec.SpecException(
                    dev.frontier.spec.Problem.at("device", e.getMessage()));
        }
    }

    public static QuantSettings quant(Quantize q) {
        CalibrationMethod cal =
                switch (q.calibration().value()) {
                    case PERCENTILE -> CalibrationMethod.PERCENTILE;
                    case MSE -> CalibrationMethod.MSE;
                    default -> CalibrationMethod.MIN_MAX;
                };
        // activations are quantized only in front of integer layers: 32 (the float reference) and
        // 16 have none
        boolean integerLayer =
                q.bits().value() <= 8 || q.overrides().values().stream().anyMatch(b -> b <= 8);
        RangeFit fit =
                switch (q.weightRange().value()) {
                    case MSE -> RangeFit.MSE;
                    case MINMAX -> RangeFit.MIN_MAX;
                };
        return new QuantSettings(
                q.bits().value(),
                q.symmetric().value(),
                q.granularity().value() == Quantize.Granularity.PER_CHANNEL,
                q.overrides(),
                q.activations().value() && integerLayer,
                cal,
                q.calibrationSamples().value(),
                fit);
    }
}
