package dev.frontier.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads a sweep from YAML. Every problem in the file is reported at once, each with {@code file:line:column},
 * its key path and what was found versus expected.
 */
public final class SpecReader {

    private SpecReader() {
    }

    /**
     * Reads and validates a sweep file.
     *
     * @throws IOException   if the file cannot be read
     * @throws SpecException listing every problem in the file
     */
    public static Sweep read(Path file) throws IOException {
        return read(Files.readString(file), file.toString());
    }

    /**
     * Reads and validates sweep YAML text.
     *
     * @param text     the YAML
     * @param fileName the name used in problem locations
     * @throws SpecException listing every problem in the text
     */
    public static Sweep read(String text, String fileName) {
        LoadSettings settings = LoadSettings.builder().setLabel(fileName).setSchema(new CoreSchema())
                .setAllowDuplicateKeys(true).build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Location where = e.getProblemMark().or(e::getContextMark)
                    .map(m -> new Location(fileName, m.getLine() + 1, m.getColumn() + 1)).orElse(new Location(fileName, 1, 1));
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            throw new SpecException(new Problem(where, "", "found invalid YAML (" + context + e.getProblem()
                    + "), expected a YAML mapping"));
        } catch (YamlEngineException e) {
            throw new SpecException(new Problem(new Location(fileName, 1, 1), "", "found invalid YAML (" + e.getMessage()
                    + "), expected a YAML mapping"));
        }
        if (root.isEmpty()) {
            throw new SpecException(new Problem(new Location(fileName, 1, 1), "",
                    "found an empty document, expected a sweep with at least name, dataset and model"));
        }
        YamlSource source = new YamlSource(fileName, root.get());
        return new SweepYaml(source).read(root.get());
    }
}
