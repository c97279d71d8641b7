package dev.frontier.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What Frontier knows of a dataset before reading it: shape, classes, normalization, license,
 * official URLs and the checksum of each of its four IDX files.
 */
public record DatasetDescriptor(
        String name,
        String description,
        String license,
        List<Integer> imageShape,
        float mean,
        float std,
        List<String> classes,
        Optional<String> debianPackage,
        List<String> baseUrls,
        Map<Role, FileEntry> files) {

    /** The four files of an IDX dataset. */
    public enum Role {
        TRAIN_IMAGES("train-images"),
        TRAIN_LABELS("train-labels"),
        TEST_IMAGES("test-images"),
        TEST_LABELS("test-labels");

        private final String key;

        Role(String key) {
            this.key = key;
        }

        /** The key used in {@code dataset.yaml}. */
        public String key() {
            return key;
        }
    }

    /**
     * One file: its base name (without {@code .gz}), image or label count, the SHA-256 of its
     * uncompressed bytes and/or of the official gzip download.
     */
    public record FileEntry(
            String file, int count, Optional<String> sha256, Optional<String> gzSha256) {
        public FileEntry {
            Objects.requireNonNull(file, "file");
            if (sha256.isEmpty() && gzSha256.isEmpty()) {
                throw new DataException(
                        "file " + file + ": a descriptor must give sha256 or gzSha256");
            }
        }
    }

    public DatasetDescriptor {
        Objects.requireNonNull(name, "name");
        imageShape = List.copyOf(imageShape);
        classes = List.copyOf(classes);
        baseUrls = List.copyOf(baseUrls);
        files = Map.copyOf(files);
        if (imageShape.size() != 3) {
            throw new DataException(
                    name + ": imageShape must be [channels, rows, cols], got " + imageShape);
        }
        if (!(std > 0)) {
            throw new DataException(name + ": std must be > 0, got " + std);
        }
        for (Role r : Role.values()) {
            if (!files.containsKey(r)) {
                throw new DataException(name + ": descriptor lacks files." + r.key());
            }
        }
    }

    public int channels() {
        return imageShape.get(0);
    }

    public int rows() {
        return imageShape.get(1);
    }

    public int cols() {
        return imageShape.get(2);
    }

    public FileEntry file(Role role) {
        return files.get(role);
    }
}
