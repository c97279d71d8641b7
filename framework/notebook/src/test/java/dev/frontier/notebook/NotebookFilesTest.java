package dev.frontier.notebook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The notebooks load, with JJava's {@code %maven}, the version of Frontier this build installs. */
class NotebookFilesTest {

    @Test
    void everyNotebook_loadsThisBuildsVersionWithMavenMagic_onTheJavaKernel() throws IOException {
        String version = System.getProperty("frontier.version");
        assertNotNull(version, "surefire passes frontier.version");
        Path dir = Path.of(System.getProperty("frontier.repo", "../..")).resolve("notebooks");
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(dir)) {
            notebooks =
                    files.filter(p -> p.getFileName().toString().matches("[0-9].*\\.ipynb"))
                            .sorted()
                            .toList();
        }
        assertFalse(notebooks.isEmpty(), "no notebooks in " + dir);
        String line = "\"%maven dev.frontier:frontier-notebook:" + version + "\\n\"";
        for (Path notebook : notebooks) {
            String json = Files.readString(notebook);
            assertTrue(json.contains(line), notebook + " lacks the line " + line);
            assertTrue(
                    json.matches("(?s).*\"kernelspec\": \\{[^}]*\"name\": \"java\".*"),
                    notebook + " does not name the kernel 'java'");
        }
    }
}
