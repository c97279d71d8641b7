package dev.frontier.codec.format;

import dev.frontier.codec.quant.Shapes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** A named float tensor (row-major, channel = dimension 0) and the encoding to store it with. */
public record NamedTensor(String name, int[] shape, float[] values, TensorEncoding encoding) {

    /** Longest name in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 0xFFFF;

    /** Highest rank. */
    public static final int MAX_RANK = 0xFF;

    /** Validates name, shape, values (all finite, as many as the shape needs) and encoding. */
    public NamedTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(encoding, "encoding of tensor '" + name + "'");
        if (name.isBlank()) {
            throw new IllegalArgumentException("tensor name must not be blank");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException(
                    "tensor name longer than "
                            + MAX_NAME_BYTES
                            + " UTF-8 bytes: "
                            + name.substring(0, 40)
                            + "...");
        }
        shape = shape.clone();
        values = values.clone();
        if (shape.length > MAX_RANK) {
            throw new IllegalArgumentException(
                    "tensor '" + name + "' has rank " + shape.length + " > " + MAX_RANK);
        }
        try {
            Shapes.requireMatches(values, shape);
            Shapes.requireFinite(values, "tensor");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tensor '" + name + "': " + e.getMessage(), e);
        }
    }

    /** A tensor stored as dense fp32. */
    public NamedTensor(String name, int[] shape, float[] values) {
        this(name, shape, values, TensorEncoding.fp32());
    }

    /** This tensor with another encoding. */
    public NamedTensor withEncoding(TensorEncoding newEncoding) {
        return new NamedTensor(name, shape, values, newEncoding);
    }

    /** This tensor with its values replaced by what a reader returns for its encoding. */
    public NamedTensor fakeQuantized() {
        return new NamedTensor(name, shape, encoding.fakeQuantize(values, shape), encoding);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** Number of elements. */
    public int parameterCount() {
        return values.length;
    }

    /** Number of elements that are not zero. */
    public int nonZeroCount() {
        int count = 0;
        for (float v : values) {
            count += v != 0 ? 1 : 0;
        }
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedTensor t
                && name.equals(t.name)
                && encoding.equals(t.encoding)
                && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, encoding, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "NamedTensor["
                + name
                + " "
                + Arrays.toString(shape)
                + " "
                + encoding.describe()
                + "]";
    }
}
