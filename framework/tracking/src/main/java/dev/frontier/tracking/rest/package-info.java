/**
 * A real MLflow server as a tracking store: {@link dev.frontier.tracking.rest.RestStore} sends the
 * MLflow Java client's generated protobuf messages ({@code org.mlflow.api.proto.Service}) as JSON
 * over {@code java.net.http}, and uploads artifacts to the server's {@code mlflow-artifacts}
 * endpoints.
 *
 * <p>It does not use {@code MlflowClient} itself: that client (2.17.2) retries 4xx answers with no
 * pause, hangs once two 429 answers have exhausted its connection pool, and uploads artifacts
 * through Python. Here every request has a connect and a request time-out, 429/5xx answers and
 * connection errors are retried with exponential backoff ({@link
 * dev.frontier.tracking.rest.RetryPolicy}), other 4xx answers fail at once, and batches are split
 * to MLflow's log-batch limits ({@link dev.frontier.tracking.rest.BatchLimits}).
 */
package dev.frontier.tracking.rest;
