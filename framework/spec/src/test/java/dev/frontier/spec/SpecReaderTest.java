package dev.frontier.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecReaderTest {
    @TempDir Path dir;

    private static final String SWEEP =
            """
            name: tiny
            # café au lait
            dataset: synthetic
            model: lenet5
            pipeline:
              - prune: {ratio: 0.5}
            """;

    @Test
    void latin1File_isOneProblemAtTheLineAndColumnOfTheFirstBadByte() throws IOException {
        Path f = dir.resolve("latin1.yaml");
        Files.write(f, SWEEP.getBytes(StandardCharsets.ISO_8859_1)); // é is the single byte 0xE9
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(f));
        assertEquals(1, e.problems().size());
        Problem p = e.problems().get(0);
        assertEquals(new Location(f.toString(), 2, 6), p.location());
        assertEquals(
                f
                        + ":2:6: found byte(s) 0xE9 that are not UTF-8 text, expected a UTF-8 text file (save the file "
                        + "as UTF-8; another encoding such as Latin-1 or UTF-16 cannot be read)",
                p.toString());
    }

    @Test
    void columnsCountCharacters_notBytes() {
        byte[] bytes = "a: ü\nb: éé\u00ff".getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        bad[bad.length - 1] =
                (byte) 0xC3; // a lead byte with nothing after it: truncated sequence at the end
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.utf8(bad, "x.yaml"));
        assertEquals(new Location("x.yaml", 2, 7), e.problems().get(0).location());
    }

    @Test
    void utf16File_isReportedAtItsFirstByte() throws IOException {
        Path f = dir.resolve("utf16.yaml");
        Files.write(f, SWEEP.getBytes(StandardCharsets.UTF_16));
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(f));
        assertEquals(new Location(f.toString(), 1, 1), e.problems().get(0).location());
        assertEquals(
                "found byte(s) 0xFE that are not UTF-8 text, expected a UTF-8 text file (save the file as UTF-8; "
                        + "another encoding such as Latin-1 or UTF-16 cannot be read)",
                e.problems().get(0).message());
    }

    @Test
    void utf8File_withAccents_reads() throws IOException {
        Path f = Files.writeString(dir.resolve("ok.yaml"), SWEEP, StandardCharsets.UTF_8);
        Sweep s = SpecReader.read(f);
        assertEquals("tiny", s.name());
        assertEquals("synthetic", s.dataset().name());
    }
}
