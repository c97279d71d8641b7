package dev.frontier.spec;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where training runs: {@code auto} (a GPU if present), {@code cpu}, or {@code gpu:N}.
 *
 * @param type auto, cpu or gpu
 * @param index the GPU index (0 unless type is gpu)
 */
public record Device(Type type, int index) {

    /** Picks a GPU when one is available, else the CPU. */
    public static final Device AUTO = new Device(Type.AUTO, 0);

    /** The CPU. */
    public static final Device CPU = new Device(Type.CPU, 0);

    private static final Pattern GPU = Pattern.compile("gpu:(\\d{1,3})");

    /** The kind of device. */
    public enum Type {
        /** A GPU if available, else the CPU. */
        AUTO,
        /** The CPU. */
        CPU,
        /** A numbered GPU. */
        GPU
    }

    /** Checks that the index is not negative and only set for GPUs. */
    public Device {
        Objects.requireNonNull(type, "type");
        if (index < 0 || (type != Type.GPU && index != 0)) {
            throw new SpecException(
                    Problem.at(
                            "",
                            "found index "
                                    + index
                                    + " on "
                                    + type
                                    + ", expected gpu:N with N >= 0"));
        }
    }

    /** The GPU with the given index. */
    public static Device gpu(int index) {
        return new Device(Type.GPU, index);
    }

    /**
     * Parses {@code auto}, {@code cpu} or {@code gpu:N}.
     *
     * @throws SpecException naming what was found and what is expected
     */
    public static Device parse(String text) {
        if (text.equals("auto")) {
            return AUTO;
        }
        if (text.equals("cpu")) {
            return CPU;
        }
        Matcher m = GPU.matcher(text);
        if (m.matches()) {
            return gpu(Integer.parseInt(m.group(1)));
        }
        throw new SpecException(
                Problem.at("", "found '" + text + "', expected auto, cpu or gpu:N (e.g. gpu:0)"));
    }

    /** {@code auto}, {@code cpu} or {@code gpu:N}: the YAML form. */
    @Override
    public String toString() {
        return type == Type.GPU ? "gpu:" + index : type.name().toLowerCase();
    }
}
