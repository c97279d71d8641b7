/**
 * MLflow's file store: {@link dev.frontier.tracking.file.FileStore} writes MLflow's file-store
 * layout ({@code <root>/<experiment>/<run>/{meta.yaml,params,metrics,tags,artifacts}}) directly,
 * with no Python. It is the buffer in front of a server and reads stores made before the SQLite
 * default ({@code frontier sync}); MLflow 3.x reads it only with {@code
 * MLFLOW_ALLOW_FILE_STORE=true}.
 */
package dev.frontier.tracking.file;
