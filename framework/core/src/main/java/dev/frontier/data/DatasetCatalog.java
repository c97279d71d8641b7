package dev.frontier.data;

import dev.frontier.limits.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The datasets Frontier ships descriptors for ({@code datasets/<name>/dataset.yaml}, packaged as
 * resources), and the parser of those descriptors.
 */
public final class DatasetCatalog {
    /** Names of the built-in IDX datasets. */
    public static final List<String> NAMES = Limits.IDX_DATASET_NAMES;

    private DatasetCatalog() {}

    /** The descriptor of a built-in dataset; unknown names get an error listing the known ones. */
    public static DatasetDescriptor descriptor(String name) {
        if (!NAMES.contains(name)) {
            throw new DataException(
                    "unknown dataset '"
                            + name
                            + "'; known datasets: "
                            + String.join(", ", NAMES)
                            + " (and 'synthetic' in sweeps)");
        }
        String resource = "/frontier/datasets/" + name + "/dataset.yaml";
        try (InputStream in = DatasetCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new DataException(
                        "descriptor resource " + resource + " missing from the build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new DataException(resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * The built-in dataset whose {@code role} file {@code file} is (uncompressed content {@code
     * content}), by checksum; empty when it matches none (corrupt, unknown, or a raw file of a
     * dataset known only by its gzip checksum). Fashion-MNIST and MNIST share file names, so names
     * alone cannot tell them apart.
     */
    public static Optional<String> identify(
            DatasetDescriptor.Role role, java.nio.file.Path file, byte[] content) {
        for (String name : NAMES) {
            if (Checksums.matches(file, content, descriptor(name).file(role)).orElse(false)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** Parses a descriptor's YAML text; {@code where} names the source in errors. */
    @SuppressWarnings("unchecked")
    public static DatasetDescriptor parse(String yaml, String where) {
        Object root = new Load(LoadSettings.builder().setLabel(where).build()).loadFromString(yaml);
        if (!(root instanceof Map)) {
            throw new DataException(where + ": expected a mapping at the top level");
        }
        Map<String, Object> m = (Map<String, Object>) root;
        try {
            Map<DatasetDescriptor.Role, DatasetDescriptor.FileEntry> files =
                    new EnumMap<>(DatasetDescriptor.Role.class);
            Map<String, Object> fm = (Map<String, Object>) require(m, "files", where);
            for (DatasetDescriptor.Role role : DatasetDescriptor.Role.values()) {
                Map<String, Object> f =
                        (Map<String, Object>) require(fm, role.key(), where + " files");
                files.put(
                        role,
                        new DatasetDescriptor.FileEntry(
                                (String) require(f, "file", where),
                                ((Number) require(f, "count", where)).intValue(),
                                Optional.ofNullable((String) f.get("sha256")),
                                Optional.ofNullable((String) f.get("gzSha256"))));
            }
            List<Integer> shape = new ArrayList<>();
            for (Object o : (List<Object>) require(m, "imageShape", where)) {
                shape.add(((Number) o).intValue());
            }
            List<String> classes = new ArrayList<>();
            for (Object o : (List<Object>) require(m, "classes", where)) {
                classes.add(String.valueOf(o));
            }
            return new DatasetDescriptor(
                    (String) require(m, "name", where),
                    (String) m.getOrDefault("description", ""),
                    (String) m.getOrDefault("license", "unknown"),
                    shape,
                    ((Number) require(m, "mean", where)).floatValue(),
                    ((Number) require(m, "std", where)).floatValue(),
                    classes,
                    Optional.ofNullable((String) m.get("debianPackage")),
                    (List<String>) m.getOrDefault("baseUrls", List.of()),
                    files);
        } catch (ClassCastException e) {
            throw new DataException(where + ": a value has the wrong type: " + e.getMessage(), e);
        }
    }

    private static Object require(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v == null) {
            throw new DataException(where + ": missing key '" + key + "'");
        }
        return v;
    }
}
