/**
 * Browsing a file store: {@link dev.frontier.tracking.ui.MlflowUiCommand} builds the {@code mlflow ui}
 * command and environment for the {@code frontier ui} command.
 */
package dev.frontier.tracking.ui;
