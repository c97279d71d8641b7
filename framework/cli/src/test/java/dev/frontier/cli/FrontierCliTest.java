package dev.frontier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrontierCliTest {
    @TempDir Path dir;

    /** Runs the CLI; returns exit code, stdout + stderr. */
    private Object[] run(String... args) {
        CliRun r = CliRun.of(args);
        return new Object[] {r.code(), r.text()};
    }

    @Test
    void validate_invalidSweep_exits2WithEveryProblemAndItsPlace() throws IOException {
        Path f =
                Files.writeString(
                        dir.resolve("bad.yaml"),
                        """
                name: bad
                dataset: fashion-mnst
                model: lenet5
                pipeline:
                  - prune:
                      ratio: 1.5
                """);
        Object[] r = run("validate", f.toString());
        assertEquals(2, r[0], (String) r[1]);
        String text = (String) r[1];
        assertTrue(text.contains("bad.yaml:2:"), text);
        assertTrue(text.contains("did you mean 'fashion-mnist'"), text);
        assertTrue(text.contains("bad.yaml:6:"), text);
    }

    @Test
    void validate_examples_exit0() {
        Path repo = Path.of(System.getProperty("frontier.repo", "../.."));
        Object[] r =
                run(
                        "validate",
                        repo.resolve("experiments/quickstart.yaml").toString(),
                        repo.resolve("experiments/headline.yaml").toString());
        assertEquals(0, r[0], (String) r[1]);
    }

    @Test
    void run_missingFile_exits2WithAHint() {
        Object[] r = run("run", dir.resolve("nope.yaml").toString());
        assertEquals(2, r[0]);
        assertTrue(
                ((String) r[1]).contains("no such sweep file (examples are in experiments/)"),
                (String) r[1]);
    }

    @Test
    void train_unknownOptimizer_listsTheValidOnes() {
        Object[] r =
                run(
                        "train",
                        "--model",
                        "lenet5",
                        "--optimizer",
                        "rmsprop",
                        "--dataset",
                        "synthetic");
        assertEquals(2, r[0]);
        assertTrue(
                ((String) r[1]).contains("--optimizer: 'rmsprop' is not one of sgd, adam"),
                (String) r[1]);
    }

    @Test
    void plan_printsUniqueVsNaiveStages() {
        Path repo = Path.of(System.getProperty("frontier.repo", "../.."));
        Object[] r = run("plan", repo.resolve("experiments/quickstart.yaml").toString());
        assertEquals(0, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("stages: 13 unique vs 24 naive"), (String) r[1]);
    }
}
