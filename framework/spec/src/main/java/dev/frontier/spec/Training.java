package dev.frontier.spec;

import dev.frontier.limits.Limits;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a model is trained from scratch (the baseline, or a teacher), or where its trained weights
 * are read from instead ({@code pretrained}). Passes that train (fine-tuning, distillation, QAT)
 * use these settings either way.
 *
 * @param optimizer sgd or adam
 * @param lr learning rate, &gt; 0
 * @param momentum momentum (sgd) or beta1 (adam), in [0, 1)
 * @param weightDecay L2 weight decay, &gt;= 0
 * @param schedule learning-rate schedule
 * @param epochs epochs, &gt;= 1
 * @param batchSize batch size, &gt;= 1
 * @param patience early stopping patience in epochs, 0 to train every epoch
 * @param pretrained a DJL parameter file ({@code .params}) or a Frontier checkpoint ({@code
 *     model.ckpt}) whose weights are loaded instead of training (absolute path); empty to train
 */
public record Training(
        Optimizer optimizer,
        double lr,
        double momentum,
        double weightDecay,
        LrSchedule schedule,
        int epochs,
        int batchSize,
        int patience,
        Optional<Path> pretrained) {

    /**
     * Adam, lr 0.001, momentum 0.9, no weight decay, no schedule, 5 epochs, batch 128, no early
     * stopping.
     */
    public static final Training DEFAULT =
            new Training(Optimizer.ADAM, 0.001, 0.9, 0.0, LrSchedule.NONE, 5, 128, 0);

    /** Training from scratch (no pretrained weights). */
    public Training(
            Optimizer optimizer,
            double lr,
            double momentum,
            double weightDecay,
            LrSchedule schedule,
            int epochs,
            int batchSize,
            int patience) {
        this(
                optimizer,
                lr,
                momentum,
                weightDecay,
                schedule,
                epochs,
                batchSize,
                patience,
                Optional.empty());
    }

    /** The optimizer. */
    public enum Optimizer implements Named {
        /** Stochastic gradient descent with momentum. */
        SGD,
        /** Adam. */
        ADAM;

        @Override
        public String yamlName() {
            return name().toLowerCase();
        }
    }

    /** The learning-rate schedule. */
    public enum LrSchedule implements Named {
        /** Constant learning rate. */
        NONE,
        /** Cosine decay to zero over the epochs. */
        COSINE,
        /** Step decay (x0.1 at 50% and 75% of the epochs). */
        STEP;

        @Override
        public String yamlName() {
            return name().toLowerCase();
        }
    }

    /** Checks every range. */
    public Training {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(pretrained, "pretrained");
        new Checks()
                .value("lr", lr, Limits.LEARNING_RATE, "a learning rate")
                .value("momentum", momentum, Limits.MOMENTUM, "a number")
                .value("weightDecay", weightDecay, Limits.WEIGHT_DECAY, "a number")
                .value("epochs", epochs, Limits.EPOCHS, "a count")
                .value("batchSize", batchSize, Limits.BATCH_SIZE, "a count")
                .value(
                        "patience",
                        patience,
                        v -> Limits.PATIENCE.contains(v),
                        "a count " + Limits.PATIENCE.describe() + " (0 disables early stopping)")
                .done();
    }

    /**
     * Every setting by its YAML key, in canonical order (written back by {@link SpecWriter}, hashed
     * by the planner).
     */
    public java.util.Map<String, Object> settings() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("optimizer", optimizer);
        m.put("lr", lr);
        m.put("momentum", momentum);
        m.put("weightDecay", weightDecay);
        m.put("schedule", schedule);
        m.put("epochs", epochs);
        m.put("batchSize", batchSize);
        m.put("patience", patience);
        pretrained.ifPresent(p -> m.put("pretrained", p.toString()));
        return m;
    }

    /** This training with another number of epochs. */
    public Training withEpochs(int newEpochs) {
        return new Training(
                optimizer,
                lr,
                momentum,
                weightDecay,
                schedule,
                newEpochs,
                batchSize,
                patience,
                pretrained);
    }

    /**
     * The same settings, trained from scratch (what a teacher inherits from the baseline's
     * training).
     */
    public Training withoutPretrained() {
        return new Training(
                optimizer, lr, momentum, weightDecay, schedule, epochs, batchSize, patience);
    }
}
