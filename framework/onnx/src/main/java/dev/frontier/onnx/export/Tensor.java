package dev.frontier.onnx.export;

import java.util.Arrays;

/** A named graph value during lowering and its shape without the batch axis. */
record Tensor(String name, long[] shape) {
    Tensor {
        shape = shape.clone();
    }

    int rank() {
        return shape.length;
    }

    long dim(int i) {
        return shape[i];
    }

    long size() {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && t.name.equals(name) && Arrays.equals(t.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }
}
