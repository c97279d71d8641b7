package dev.frontier.spec;

import dev.frontier.limits.Interval;

/**
 * Stops a searched trial that cannot reach the frontier: once the trial's own training (the passes
 * after the baseline and teacher) has run {@code afterEpochs} epochs, its validation accuracy after
 * that epoch, at the file size the plan estimates for it, is compared with the trials measured so
 * far; a trial some measured trial beats by at least {@code margin} in accuracy at no larger a size
 * is recorded STOPPED with that trial as the reason, and its remaining stages and measurement are
 * not run.
 *
 * @param afterEpochs the trial's own training epochs after which it is judged, &gt;= 1
 * @param margin how far (a fraction of accuracy, 0.02 = 2 points) a measured trial must be ahead,
 *     in [0, 1)
 */
public record EarlyStop(int afterEpochs, double margin) {

    static final Interval AFTER_EPOCHS = Interval.atLeast(1);
    static final Interval MARGIN = Interval.closedOpen(0, 1);

    /** Judged after the first epoch of the trial's own training. */
    public static final int DEFAULT_AFTER_EPOCHS = 1;

    /** Two points of accuracy. */
    public static final double DEFAULT_MARGIN = 0.02;

    /** The defaults, used by the YAML reader and the builder alike. */
    public static final EarlyStop DEFAULT = new EarlyStop(DEFAULT_AFTER_EPOCHS, DEFAULT_MARGIN);

    /** Checks both values, reporting every problem at once. */
    public EarlyStop {
        new Checks()
                .value("afterEpochs", afterEpochs, AFTER_EPOCHS, "a count of epochs")
                .value("margin", margin, MARGIN, "a fraction of accuracy")
                .done();
    }
}
