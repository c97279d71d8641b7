package dev.frontier.train;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Reports training progress. {@link #forConsole} picks a live progress bar on a terminal and plain
 * log lines otherwise (CI, pipes).
 */
public interface TrainingProgress {
    /** An epoch starts with {@code batches} batches. */
    void epochStarted(int epoch, int epochs, int batches);

    /** A batch finished; running mean loss and accuracy of the epoch so far. */
    void batchFinished(int batch, double loss, double accuracy, double imagesPerSecond);

    /** The epoch finished. */
    void epochFinished(EpochStats stats, int epochs);

    /** Whether {@link #batchFinished} is wanted (running figures cost a device sync per batch). */
    default boolean wantsBatches() {
        return false;
    }

    /** Reports nothing. */
    static TrainingProgress silent() {
        return new TrainingProgress() {
            @Override
            public void epochStarted(int epoch, int epochs, int batches) {}

            @Override
            public void batchFinished(
                    int batch, double loss, double accuracy, double imagesPerSecond) {}

            @Override
            public void epochFinished(EpochStats stats, int epochs) {}
        };
    }

    /** A progress bar when a terminal is attached, else one log line per epoch to {@code out}. */
    static TrainingProgress forConsole(PrintStream out, String label) {
        return System.console() != null ? new Bar(label) : new Lines(out, label);
    }

    /** One line per epoch. */
    final class Lines implements TrainingProgress {
        private final PrintStream out;
        private final String label;

        public Lines(PrintStream out, String label) {
            this.out = out;
            this.label = label;
        }

        @Override
        public void epochStarted(int epoch, int epochs, int batches) {}

        @Override
        public void batchFinished(
                int batch, double loss, double accuracy, double imagesPerSecond) {}

        @Override
        public void epochFinished(EpochStats s, int epochs) {
            out.println(line(label, s, epochs));
        }
    }

    /** A live bar (me.tongfei progressbar) on a terminal. */
    final class Bar implements TrainingProgress {
        private final String label;
        private ProgressBar bar;

        @Override
        public boolean wantsBatches() {
            return true;
        }

        public Bar(String label) {
            this.label = label;
        }

        @Override
        public void epochStarted(int epoch, int epochs, int batches) {
            bar =
                    new ProgressBarBuilder()
                            .setTaskName(
                                    String.format(Locale.ROOT, "%s %d/%d", label, epoch, epochs))
                            .setInitialMax(batches)
                            .setStyle(ProgressBarStyle.ASCII)
                            .setUpdateIntervalMillis(250)
                            .continuousUpdate()
                            .build();
        }

        @Override
        public void batchFinished(int batch, double loss, double accuracy, double imagesPerSecond) {
            bar.stepTo(batch);
            bar.setExtraMessage(
                    String.format(
                            Locale.ROOT,
                            "loss %.4f acc %.2f%% %.0f img/s",
                            loss,
                            100 * accuracy,
                            imagesPerSecond));
        }

        @Override
        public void epochFinished(EpochStats s, int epochs) {
            bar.close();
            System.out.println(line(label, s, epochs));
        }
    }

    /** The plain epoch summary line. */
    static String line(String label, EpochStats s, int epochs) {
        String val =
                Double.isNaN(s.validationAccuracy())
                        ? ""
                        : String.format(
                                Locale.ROOT, " val_acc %.2f%%", 100 * s.validationAccuracy());
        return String.format(
                Locale.ROOT,
                "%s epoch %d/%d: loss %.4f acc %.2f%%%s  %.0f img/s  %.1fs",
                label,
                s.epoch(),
                epochs,
                s.trainLoss(),
                100 * s.trainAccuracy(),
                val,
                s.imagesPerSecond(),
                s.seconds());
    }
}
