package dev.frontier.tracking;

/**
 * A version of a registered model in the MLflow Model Registry.
 *
 * @param name the registered model's name
 * @param version its version number (1, 2, …)
 * @param source where the version's files are (the run's artifact folder)
 * @param runId the run it was registered from
 */
public record ModelVersionRef(String name, String version, String source, String runId) {}
