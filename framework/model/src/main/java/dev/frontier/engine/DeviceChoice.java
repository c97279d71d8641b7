package dev.frontier.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Objects;

/**
 * A device as users write it: {@code auto} (a GPU when DJL sees one, else the CPU), {@code cpu}, or
 * {@code gpu:N}.
 */
public record DeviceChoice(Kind kind, int index) {
    /** What was asked for. */
    public enum Kind {
        AUTO,
        CPU,
        GPU
    }

    public DeviceChoice {
        Objects.requireNonNull(kind, "kind");
        if (index < 0) {
            throw new IllegalArgumentException("device index must be >= 0, got " + index);
        }
    }

    /** Parses {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}. */
    public static DeviceChoice parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("auto")) {
            return new DeviceChoice(Kind.AUTO, 0);
        }
        if (t.equals("cpu")) {
            return new DeviceChoice(Kind.CPU, 0);
        }
        if (t.equals("gpu")) {
            return new DeviceChoice(Kind.GPU, 0);
        }
        if (t.startsWith("gpu:")) {
            try {
                return new DeviceChoice(Kind.GPU, Integer.parseInt(t.substring(4)));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException(
                "device '" + text + "' is not one of auto, cpu, gpu:N (e.g. gpu:0)");
    }

    /**
     * The DJL device for this choice on the given engine; asking for a GPU that is not there is an
     * error.
     */
    public Device resolve(Engine engine) {
        int gpus = engine.getGpuCount();
        switch (kind) {
            case CPU:
                return Device.cpu();
            case AUTO:
                return gpus > 0 ? Device.gpu(0) : Device.cpu();
            default:
                if (index >= gpus) {
                    throw new IllegalArgumentException(
                            "device gpu:"
                                    + index
                                    + " requested but "
                                    + engine.getEngineName()
                                    + " sees "
                                    + gpus
                                    + " GPU(s). Use 'auto' or 'cpu', or install CUDA natives (README, 'GPU').");
                }
                return Device.gpu(index);
        }
    }

    @Override
    public String toString() {
        return kind == Kind.GPU ? "gpu:" + index : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
