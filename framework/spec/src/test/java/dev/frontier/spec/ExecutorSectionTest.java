package dev.frontier.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep file's {@code executor} section: how to run, never what is computed. */
class ExecutorSectionTest {
    @TempDir Path dir;

    private static final String SWEEP =
            """
            name: tiny
            dataset: synthetic
            model: mlp
            pipeline:
              - prune: {ratio: 0.5}
            """;

    @Test
    void sparkSection_isRead_andLeavesTheSweepAndItsCanonicalFormUnchanged() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.yaml"), SWEEP);
        Path spark =
                Files.writeString(
                        dir.resolve("spark.yaml"),
                        SWEEP
                                + """
                                executor:
                                  kind: spark
                                  master: spark://head:7077
                                  conf: {spark.authenticate: true, spark.executor.memory: 4g}
                                """);
        assertEquals(
                new Executor(
                        "spark",
                        "spark://head:7077",
                        Map.of("spark.authenticate", "true", "spark.executor.memory", "4g")),
                SpecReader.executor(spark));
        assertEquals(Executor.LOCAL, SpecReader.executor(plain));
        assertEquals(SpecReader.read(plain), SpecReader.read(spark));
        assertEquals(
                SpecWriter.write(SpecReader.read(plain)), SpecWriter.write(SpecReader.read(spark)));
    }

    @Test
    void sparkWithoutMaster_andAnUnknownKind_areProblemsAtTheirLines() throws IOException {
        Path noMaster =
                Files.writeString(dir.resolve("m.yaml"), SWEEP + "executor: {kind: spark}\n");
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(noMaster));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals(
                noMaster
                        + ":6:11: executor.master: missing key 'master', expected the Spark master URL, e.g."
                        + " spark://host:7077",
                e.problems().get(0).toString());

        Path yarn =
                Files.writeString(
                        dir.resolve("k.yaml"), SWEEP + "executor:\n  kind: yarn\n  master: x\n");
        SpecException k = assertThrows(SpecException.class, () -> SpecReader.executor(yarn));
        assertEquals(1, k.problems().size(), k.getMessage());
        assertEquals(
                yarn + ":7:9: executor.kind: found 'yarn', expected local or spark",
                k.problems().get(0).toString());
    }
}
