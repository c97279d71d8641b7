/**
 * The embedded tracking store: {@link dev.frontier.tracking.file.FileStore} writes MLflow's
 * file-store layout ({@code <root>/<experiment>/<run>/{meta.yaml,params,metrics,tags,artifacts}})
 * directly, with no Python, so that {@code mlflow ui --backend-store-uri <root>} and {@code
 * mlflow.search_runs} read it (MLflow 3.x needs {@code MLFLOW_ALLOW_FILE_STORE=true} for that).
 */
package dev.frontier.tracking.file;
