package dev.frontier.tracking.rest;

/**
 * A final HTTP answer: a success, or a client error that retrying would not change.
 *
 * @param status the HTTP status code
 * @param body the response body as text
 */
record HttpAnswer(int status, String body) {

    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** Returns MLflow's {@code error_code} from an error body, or "" if there is none. */
    String errorCode() {
        var matcher =
                java.util.regex.Pattern.compile("\"error_code\"\\s*:\\s*\"([A-Z_]+)\"")
                        .matcher(body);
        return matcher.find() ? matcher.group(1) : "";
    }
}
