package dev.frontier.spec;

/** The inference runtime a trial's model is measured on; may be a sweep axis ({@code runtime}). */
public enum Backend implements Named {
    /** DJL on the PyTorch engine. */
    DJL_PYTORCH("djl-pytorch"),
    /** ONNX Runtime. */
    ONNXRUNTIME("onnxruntime");

    private final String yamlName;

    Backend(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String yamlName() {
        return yamlName;
    }
}
