package dev.frontier.codec.format;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The content of a Frontier model file: caller-provided metadata (e.g. the model spec as text), the
 * named tensors in order, and whether the tensor section is zstd entropy coded.
 */
public record ModelFile(String metadata, List<NamedTensor> tensors, boolean entropyCoded) {

    /** Validates metadata is present and tensor names are unique. */
    public ModelFile {
        Objects.requireNonNull(metadata, "metadata (use \"\" for none)");
        tensors = List.copyOf(tensors);
        Set<String> seen = new HashSet<>();
        for (NamedTensor t : tensors) {
            if (!seen.add(t.name())) {
                throw new IllegalArgumentException("duplicate tensor name '" + t.name() + "'");
            }
        }
    }

    /** A model file without entropy coding. */
    public ModelFile(String metadata, List<NamedTensor> tensors) {
        this(metadata, tensors, false);
    }

    /** This model file with zstd entropy coding of the tensor section switched on or off. */
    public ModelFile entropyCoded(boolean enabled) {
        return new ModelFile(metadata, tensors, enabled);
    }

    /** This model file with every tensor stored with {@code encoding}. */
    public ModelFile withEncoding(TensorEncoding encoding) {
        return new ModelFile(
                metadata,
                tensors.stream().map(t -> t.withEncoding(encoding)).toList(),
                entropyCoded);
    }

    /**
     * What {@link ModelFileReader#read} returns after writing this: every tensor fake-quantized.
     */
    public ModelFile fakeQuantized() {
        return new ModelFile(
                metadata, tensors.stream().map(NamedTensor::fakeQuantized).toList(), entropyCoded);
    }

    /**
     * The tensor called {@code name}.
     *
     * @throws IllegalArgumentException listing the known names when there is none
     */
    public NamedTensor tensor(String name) {
        for (NamedTensor t : tensors) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "no tensor '"
                        + name
                        + "'; tensors are: "
                        + tensors.stream()
                                .map(NamedTensor::name)
                                .collect(Collectors.joining(", ")));
    }

    /** Total number of elements over all tensors. */
    public long parameterCount() {
        return tensors.stream().mapToLong(NamedTensor::parameterCount).sum();
    }
}
