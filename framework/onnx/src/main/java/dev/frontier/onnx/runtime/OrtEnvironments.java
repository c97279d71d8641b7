package dev.frontier.onnx.runtime;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;

/**
 * The process's single ONNX Runtime environment. DJL's engine must create it (with its threading
 * options) before anyone else asks for it, or DJL's engine fails to start; this class keeps that
 * order.
 */
final class OrtEnvironments {
    private OrtEnvironments() {}

    /**
     * Starts DJL's OnnxRuntime engine offline (natives from the Maven jar) and returns the shared
     * environment.
     */
    static OrtEnvironment get() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        Engine.getEngine(OrtRuntime.ENGINE);
        return OrtEnvironment.getEnvironment();
    }
}
