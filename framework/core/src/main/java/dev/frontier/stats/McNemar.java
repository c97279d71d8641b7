package dev.frontier.stats;

/**
 * McNemar's paired test of two classifiers on the same examples: does the compressed model err on
 * significantly different examples than the baseline? Exact binomial test for fewer than 25
 * discordant pairs, continuity-corrected chi-square otherwise.
 */
public record McNemar(long baselineOnlyCorrect, long candidateOnlyCorrect, double pValue) {

    /** Tests paired correctness vectors of equal length. */
    public static McNemar test(boolean[] baselineCorrect, boolean[] candidateCorrect) {
        if (baselineCorrect.length != candidateCorrect.length) {
            throw new IllegalArgumentException(
                    "paired vectors differ in length: "
                            + baselineCorrect.length
                            + " vs "
                            + candidateCorrect.length);
        }
        long b = 0;
        long c = 0;
        for (int i = 0; i < baselineCorrect.length; i++) {
            if (baselineCorrect[i] && !candidateCorrect[i]) {
                b++;
            } else if (!baselineCorrect[i] && candidateCorrect[i]) {
                c++;
            }
        }
        return of(b, c);
    }

    /**
     * The test from discordant counts: b = only the baseline right, c = only the candidate right.
     */
    public static McNemar of(long b, long c) {
        long n = b + c;
        if (n == 0) {
            return new McNemar(b, c, 1.0);
        }
        double p;
        if (n < 25) {
            long k = Math.min(b, c);
            double cdf = 0;
            for (long i = 0; i <= k; i++) {
                cdf += Math.exp(logChoose(n, i) - n * Math.log(2));
            }
            p = Math.min(1.0, 2 * cdf);
        } else {
            double chi = Math.pow(Math.abs(b - c) - 1.0, 2) / n;
            p = chiSquare1Survival(chi);
        }
        return new McNemar(b, c, p);
    }

    /** True when the difference is significant at {@code alpha}. */
    public boolean significant(double alpha) {
        return pValue < alpha;
    }

    private static double logChoose(long n, long k) {
        double s = 0;
        for (long i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }

    /** P(X > x) for chi-square with 1 degree of freedom = erfc(sqrt(x/2)). */
    static double chiSquare1Survival(double x) {
        return erfc(Math.sqrt(x / 2));
    }

    /** Complementary error function (Numerical Recipes erfcc, |error| < 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r =
                t
                        * Math.exp(
                                -z * z
                                        - 1.26551223
                                        + t
                                                * (1.00002368
                                                        + t
                                                                * (0.37409196
                                                                        + t
                                                                                * (0.09678418
                                                                                        + t
                                                                                                * (-0.18628806
                                                                                                        + t
                                                                                                                * (0.27886807
                                                                                                                        + t
                                                                                                                                * (-1.13520398
                                                                                                                                        + t
                                                                                                                                                * (1.48851587
                                                                                                                                                        + t
                                                                                                                                                                * (-0.82215223
                                                                                                                                                                        + t
                                                                                                                                                                                * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
