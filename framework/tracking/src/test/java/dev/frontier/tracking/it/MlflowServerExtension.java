package dev.frontier.tracking.it;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the shared {@link MlflowServer}, run from the pinned MLflow that {@link MlflowEnv}
 * provisions (installed on first use, never skipped).
 */
final class MlflowServerExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MlflowServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(
                        MlflowServer.class,
                        key -> {
                            MlflowEnv env = MlflowEnv.provision();
                            try {
                                return MlflowServer.start(env.mlflow());
                            } catch (Exception e) {
                                throw new IllegalStateException(
                                        "cannot start mlflow server ("
                                                + env.mlflow()
                                                + "): "
                                                + e.getMessage(),
                                        e);
                            }
                        },
                        MlflowServer.class);
    }
}
