package dev.frontier.cli;

import dev.frontier.spec.SpecException;
import dev.frontier.spec.SpecReader;
import dev.frontier.spec.Sweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads sweep files for the commands, turning every problem into one user-input error. */
final class SpecFiles {
    private SpecFiles() {}

    static Sweep read(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserInputException(
                    file + ": is a directory, not a sweep file" + yamlFilesIn(file));
        }
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(
                    file + ": no such sweep file (examples are in experiments/)");
        }
        try {
            return SpecReader.read(file);
        } catch (SpecException e) {
            throw problems(file, e);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The file's {@code executor} section (read after {@link #read} accepted the file). */
    static dev.frontier.spec.Executor executor(Path file) {
        try {
            return SpecReader.executor(file);
        } catch (SpecException e) {
            throw problems(file, e);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** "; its sweep files: a.yaml, b.yaml" (at most 8), or "; it holds no .yaml file". */
    static String yamlFilesIn(Path dir) {
        try (var files = Files.list(dir)) {
            java.util.List<String> names =
                    files.filter(Files::isRegularFile)
                            .map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                            .sorted()
                            .toList();
            if (names.isEmpty()) {
                return "; it holds no .yaml file";
            }
            String shown = String.join(", ", names.subList(0, Math.min(8, names.size())));
            return "; its sweep files: "
                    + shown
                    + (names.size() > 8 ? " and " + (names.size() - 8) + " more" : "");
        } catch (IOException e) {
            return "";
        }
    }

    /** The problems of {@code file}'s sweep as one user error, one problem a line. */
    static UserInputException problems(Path file, SpecException e) {
        StringBuilder sb = new StringBuilder(file + ": " + e.problems().size() + " problem(s):");
        e.problems().forEach(p -> sb.append("\n  ").append(p));
        return new UserInputException(sb.toString());
    }
}
