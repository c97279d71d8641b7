package dev.frontier.spec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
 * Reads a sweep from YAML. Every problem in the file is reported at once, each with {@code
 * file:line:column}, its key path and what was found versus expected.
 */
public final class SpecReader {

    private SpecReader() {}

    /**
     * Reads and validates a sweep file.
     *
     * @throws IOException if the file cannot be read
     * @throws SpecException listing every problem in the file; bytes that are not UTF-8 text are
     *     one at their line and column
     */
    public static Sweep read(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        return read(
                utf8(Files.readAllBytes(file), file.toString()),
                file.toString(),
                dir == null ? Path.of("") : dir);
    }

    /**
     * The {@code executor} section of a sweep file ({@link Executor#LOCAL} without one); the file
     * is read and checked as by {@link #read(Path)}.
     */
    public static Executor executor(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        return parse(
                        utf8(Files.readAllBytes(file), file.toString()),
                        file.toString(),
                        dir == null ? Path.of("") : dir)
                .executor();
    }

    /**
     * {@code bytes} decoded as UTF-8; the first byte sequence that is not UTF-8 is a problem at its
     * line and column (columns count characters, as YAML positions do).
     */
    static String utf8(byte[] bytes, String fileName) {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            int lineStart = 0;
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            String before = new String(bytes, lineStart, at - lineStart, StandardCharsets.UTF_8);
            StringBuilder hex = new StringBuilder();
            for (int i = at; i < Math.min(bytes.length, at + Math.max(1, r.length())); i++) {
                hex.append(hex.length() == 0 ? "" : " ")
                        .append(String.format("0x%02X", bytes[i] & 0xff));
            }
            throw new SpecException(
                    new Problem(
                            new Location(
                                    fileName, line, before.codePointCount(0, before.length()) + 1),
                            "",
                            "found byte(s) "
                                    + hex
                                    + " that are not UTF-8 text, expected a UTF-8 text file (save the file as "
                                    + "UTF-8; another encoding such as Latin-1 or UTF-16 cannot be read)"));
        }
        return out.flip().toString();
    }

    /**
     * Reads and validates sweep YAML text; relative dataset paths are resolved against the working
     * directory.
     *
     * @param text the YAML
     * @param fileName the name used in problem locations
     * @throws SpecException listing every problem in the text
     */
    public static Sweep read(String text, String fileName) {
        return read(text, fileName, Path.of(""));
    }

    /** As {@link #read(String, String)}, relative dataset paths resolved against {@code base}. */
    static Sweep read(String text, String fileName, Path base) {
        return parse(text, fileName, base).sweep();
    }

    /** A file's sweep and its executor section. */
    private record Parsed(Sweep sweep, Executor executor) {}

    private static Parsed parse(String text, String fileName, Path base) {
        LoadSettings settings =
                LoadSettings.builder()
                        .setLabel(fileName)
                        .setSchema(new CoreSchema())
                        .setAllowDuplicateKeys(true)
                        .build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Location where =
                    e.getProblemMark()
                            .or(e::getContextMark)
                            .map(m -> new Location(fileName, m.getLine() + 1, m.getColumn() + 1))
                            .orElse(new Location(fileName, 1, 1));
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            throw new SpecException(
                    new Problem(
                            where,
                            "",
                            "found invalid YAML ("
                                    + context
                                    + e.getProblem()
                                    + "), expected a YAML mapping"));
        } catch (YamlEngineException e) {
            throw new SpecException(
                    new Problem(
                            new Location(fileName, 1, 1),
                            "",
                            "found invalid YAML ("
                                    + e.getMessage()
                                    + "), expected a YAML mapping"));
        }
        if (root.isEmpty()) {
            throw new SpecException(
                    new Problem(
                            new Location(fileName, 1, 1),
                            "",
                            "found an empty document, expected a sweep with at least name, dataset and model"));
        }
        YamlSource source = new YamlSource(fileName, root.get());
        SweepYaml yaml = new SweepYaml(source, base, PassRegistry.standard());
        Sweep sweep = yaml.read(root.get());
        return new Parsed(sweep, yaml.executor());
    }
}
