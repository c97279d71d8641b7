package dev.frontier.tracking.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the shared {@link MlflowServer}; skips the test with a clear message when {@code mlflow} is
 * not on PATH (install it with {@code pip install mlflow==<version in README>}).
 */
final class MlflowServerExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MlflowServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Optional<Path> mlflow = MlflowServer.executable();
    CiRequirement.require(mlflow.isPresent(), "mlflow is not on PATH: integration test skipped."
        + " Install it with `pip install mlflow==3.17.2` (see framework/tracking/README.md)");
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(MlflowServer.class, key -> {
          try {
            return MlflowServer.start(mlflow.get());
          } catch (Exception e) {
            throw new IllegalStateException("cannot start mlflow server: " + e.getMessage(), e);
          }
        }, MlflowServer.class);
  }
}
