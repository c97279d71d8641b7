package dev.frontier.tracking.it;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A precondition of the integration tests (mlflow on PATH): on a developer machine a missing tool
 * skips the test; under CI ({@code CI} set) it fails it, so a missing install step cannot hide behind
 * a green run.
 */
public final class CiRequirement {
    private CiRequirement() {
    }

    public static void require(boolean condition, String message) {
        if (System.getenv("CI") != null) {
            Assertions.assertTrue(condition, message + " (CI is set: .ci/run must install it)");
        } else {
            Assumptions.assumeTrue(condition, message);
        }
    }
}
