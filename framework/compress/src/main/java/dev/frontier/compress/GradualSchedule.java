package dev.frontier.compress;

/**
 * Zhu and Gupta's (2017) gradual pruning schedule: sparsity rises from {@code initial} to {@code
 * target} along s_t = s_f + (s_i - s_f)(1 - (t - t0)/(n dt))^3 between {@code beginStep} and {@code
 * endStep}, with masks recomputed every {@code frequency} steps.
 */
public record GradualSchedule(
        double initial, double target, int beginStep, int endStep, int frequency) {
    public GradualSchedule {
        if (!(initial >= 0 && initial <= target && target < 1)) {
            throw new IllegalArgumentException(
                    "need 0 <= initial <= target < 1, got " + initial + ", " + target);
        }
        if (beginStep < 0 || endStep < beginStep || frequency < 1) {
            throw new IllegalArgumentException("need 0 <= beginStep <= endStep and frequency >= 1");
        }
    }

    /** The sparsity to enforce at {@code step}. */
    public double sparsityAt(int step) {
        if (step <= beginStep) {
            return initial;
        }
        if (step >= endStep) {
            return target;
        }
        double progress = (double) (step - beginStep) / (endStep - beginStep);
        return target + (initial - target) * Math.pow(1 - progress, 3);
    }

    /** True when masks are recomputed after {@code step}. */
    public boolean updatesAt(int step) {
        return step >= beginStep
                && step <= endStep
                && ((step - beginStep) % frequency == 0 || step == endStep);
    }
}
