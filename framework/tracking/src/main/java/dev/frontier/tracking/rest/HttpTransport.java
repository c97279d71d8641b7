package dev.frontier.tracking.rest;

import dev.frontier.tracking.TrackingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sends requests to an MLflow server with time-outs, retrying 429/5xx answers and connection errors
 * with exponential backoff; other answers are returned to the caller at once.
 */
final class HttpTransport implements AutoCloseable {

    /**
     * Called before a retry of a request whose effect on the server is unknown; may end the
     * retries.
     */
    interface BeforeRetry {
        Optional<HttpAnswer> check();
    }

    private final URI base;
    private final RetryPolicy policy;
    private final HttpClient client;
    private final Map<String, String> headers;

    HttpTransport(URI base, RetryPolicy policy, Map<String, String> headers) {
        this.base = base;
        this.policy = policy;
        this.headers = Map.copyOf(headers);
        this.client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(policy.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    URI base() {
        return base;
    }

    HttpAnswer get(String pathAndQuery, String what) {
        return send(what, () -> request(pathAndQuery, policy.requestTimeout()).GET(), null);
    }

    HttpAnswer postJson(String path, String json, String what) {
        return postJson(path, json, what, null);
    }

    HttpAnswer postJson(String path, String json, String what, BeforeRetry beforeRetry) {
        return send(
                what,
                () ->
                        request(path, policy.requestTimeout())
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                json, StandardCharsets.UTF_8)),
                beforeRetry);
    }

    HttpAnswer putFile(String path, java.nio.file.Path file, long size, String what) {
        Duration timeout = policy.requestTimeout().plusMillis(size / 1000);
        return send(
                what,
                () -> {
                    try {
                        return request(path, timeout)
                                .header("Content-Type", "application/octet-stream")
                                .PUT(HttpRequest.BodyPublishers.ofFile(file));
                    } catch (java.io.FileNotFoundException e) {
                        throw new TrackingException(
                                what + ": artifact file " + file + " is missing", e);
                    }
                },
                null);
    }

    byte[] getBytes(String path, String what) {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<byte[]> response =
                        client.send(
                                request(path, policy.requestTimeout()).GET().build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() == 200) {
                    return response.body();
                }
                if (!retryable(response.statusCode()) || attempt >= policy.maxAttempts()) {
                    throw new TrackingException(
                            what
                                    + " at "
                                    + base
                                    + path
                                    + " answered HTTP "
                                    + response.statusCode());
                }
            } catch (IOException e) {
                if (attempt >= policy.maxAttempts()) {
                    throw new TrackingException(
                            what
                                    + " at "
                                    + base
                                    + path
                                    + " failed after "
                                    + attempt
                                    + " attempts: "
                                    + e,
                            e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrackingException(what + ": interrupted", e);
            }
            pause(policy.backoffAfter(attempt), what);
        }
    }

    private HttpRequest.Builder request(String pathAndQuery, Duration timeout) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout);
        headers.forEach(builder::header);
        return builder;
    }

    private HttpAnswer send(
            String what, Supplier<HttpRequest.Builder> builder, BeforeRetry beforeRetry) {
        String lastProblem = "";
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            Duration wait = policy.backoffAfter(attempt);
            if (attempt > 1 && beforeRetry != null) {
                try {
                    Optional<HttpAnswer> settled = beforeRetry.check();
                    if (settled.isPresent()) {
                        return settled.get();
                    }
                } catch (TrackingException e) {
                    // cannot tell whether the earlier attempt took effect: do not resend blindly,
                    // try again later
                    lastProblem = e.getMessage();
                    if (attempt < policy.maxAttempts()) {
                        pause(wait, what);
                    }
                    continue;
                }
            }
            try {
                HttpResponse<String> response =
                        client.send(
                                builder.get().build(),
                                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (!retryable(response.statusCode())) {
                    return new HttpAnswer(response.statusCode(), response.body());
                }
                lastProblem = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
                wait =
                        retryAfter(response)
                                .filter(d -> d.compareTo(policy.maxBackoff()) < 0)
                                .orElse(wait);
            } catch (IOException e) {
                lastProblem =
                        e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrackingException(what + ": interrupted while talking to " + base, e);
            }
            if (attempt < policy.maxAttempts()) {
                pause(wait, what);
            }
        }
        throw new TrackingException(
                what
                        + ": MLflow server "
                        + base
                        + " did not answer successfully after "
                        + policy.maxAttempts()
                        + " attempts; last: "
                        + lastProblem);
    }

    static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Retry-After")
                .flatMap(
                        v -> {
                            try {
                                return Optional.of(Duration.ofSeconds(Long.parseLong(v.strip())));
                            } catch (NumberFormatException e) {
                                return Optional.empty();
                            }
                        });
    }

    private static void pause(Duration wait, String what) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackingException(what + ": interrupted during retry backoff", e);
        }
    }

    static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    @Override
    public void close() {
        // java.net.http.HttpClient releases its connections when unreachable (close() arrives in
        // Java 21)
    }
}
