/**
 * The embedded tracking store: a SQLite database written through sqlite-jdbc in MLflow's own
 * schema, which MLflow's Python client and {@code mlflow ui} read with no opt-out.
 */
package dev.frontier.tracking.sqlite;
