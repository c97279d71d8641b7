package dev.frontier.tracking.rest;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RestStore} waits and retries: time-outs per connection and request, and exponential
 * backoff between attempts after a 429/5xx answer or a connection error.
 *
 * @param maxAttempts attempts per request, at least 1
 * @param initialBackoff wait before the second attempt; doubled for each further one
 * @param maxBackoff longest wait between attempts (also caps a server's Retry-After)
 * @param connectTimeout longest wait for a connection
 * @param requestTimeout longest wait for an answer to one attempt (artifacts get 1 s more per MB)
 */
public record RetryPolicy(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration connectTimeout,
        Duration requestTimeout) {

    /** Checks that attempts and durations are positive and the backoff bounds ordered. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(
                    "maxAttempts must be at least 1, got " + maxAttempts);
        }
        for (Duration d :
                new Duration[] {initialBackoff, maxBackoff, connectTimeout, requestTimeout}) {
            Objects.requireNonNull(d, "retry durations must not be null");
            if (d.isNegative()) {
                throw new IllegalArgumentException(
                        "retry durations must not be negative, got " + d);
            }
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff "
                            + maxBackoff
                            + " is shorter than initialBackoff "
                            + initialBackoff);
        }
        if (connectTimeout.isZero() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("time-outs must be positive");
        }
    }

    /**
     * Returns the defaults: 5 attempts, backoff 250 ms doubling to 4 s, 5 s to connect, 30 s per
     * request. A dead server therefore costs at most about 8 s of backoff plus time-outs per call.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(
                5,
                Duration.ofMillis(250),
                Duration.ofSeconds(4),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30));
    }

    /**
     * Returns the wait before attempt {@code attempt + 1}, after attempt {@code attempt} (1-based)
     * failed.
     *
     * @param attempt the attempt that failed
     * @return the backoff
     */
    public Duration backoffAfter(int attempt) {
        long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
