package dev.frontier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exit codes by exception family: 2 and one line for the user's input, 1 and a logged stack trace
 * for the rest.
 */
class ExitCodesTest {
    private static final Pattern LOGGED = Pattern.compile("\\(stack trace in (\\S+\\.log)\\)");

    @TempDir Path dir;

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "spec      | error: 1 problem in sweep spec:",
                "data      | error: train-images-idx3-ubyte: checksum mismatch",
                "user      | error: --epochs must be >= 1, got 0",
                "parameter | --ratio: not a number"
            })
    void userInputFamilies_exit2WithTheirMessage(String kind, String line) {
        CliRun r = CliRun.of(FailingCli::commandLine, "throw", kind);
        assertEquals(2, r.code(), r.text());
        assertTrue(r.text().startsWith(line), r.text());
        assertFalse(r.text().contains("\tat "), r.text());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "engine | frontier throw failed: IllegalArgumentException: need 0 <= successes <= total, got 5/3",
                "state  | frontier throw failed: IllegalStateException: the baseline could not be trained",
                "io      | frontier throw failed: IOException: /tmp/run/stages: No space left on device",
                "linkage | frontier throw failed: UnsatisfiedLinkError: no djl_torch in java.library.path"
            })
    void everythingElse_exits1WithOneLineNamingTheLog(String kind, String summary) {
        CliRun r = CliRun.of(FailingCli::commandLine, "throw", kind);
        assertEquals(1, r.code(), r.text());
        List<String> lines = r.text().lines().toList();
        assertEquals(1, lines.size(), r.text());
        assertTrue(lines.get(0).startsWith(summary + " (stack trace in "), r.text());
    }

    @Test
    void realCommands_mapUserMistakesTo2() throws IOException {
        CliRun option = CliRun.of("run", "--no-such-option", "x.yaml");
        assertEquals(2, option.code(), option.text());
        assertTrue(option.text().contains("Unknown option: '--no-such-option'"), option.text());

        CliRun dataset = CliRun.of("data", "fetch", "fashion-mnst");
        assertEquals(2, dataset.code(), dataset.text());
        assertTrue(
                dataset.text().startsWith("error: unknown dataset 'fashion-mnst'"), dataset.text());

        CliRun model =
                CliRun.of("train", "--model", "lenet6", "--dataset", "synthetic", "--limit", "100");
        assertEquals(2, model.code(), model.text());
        assertTrue(
                model.text()
                        .contains("error: --model/--width: unknown model 'lenet6'; known models: "),
                model.text());

        CliRun lr = CliRun.of("train", "--model", "mlp", "--dataset", "synthetic", "--lr", "-1");
        assertEquals(2, lr.code(), lr.text());
        assertTrue(
                lr.text().contains("error: training options: lr must be > 0, got -1.0"), lr.text());

        CliRun device =
                CliRun.of(
                        "eval",
                        "--checkpoint",
                        Files.writeString(dir.resolve("m.ckpt"), "x").toString(),
                        "--dataset",
                        "synthetic",
                        "--device",
                        "tpu");
        assertEquals(2, device.code(), device.text());
        assertTrue(
                device.text()
                        .contains("error: --device: device 'tpu' is not one of auto, cpu, gpu:N"),
                device.text());
    }

    @Test
    void run_master_withoutFrontierSpark_exits2SayingWhatIsMissing() throws IOException {
        Path sweep =
                Files.writeString(
                        dir.resolve("spark.yaml"),
                        """
                name: spark
                dataset: {name: synthetic, limit: 100}
                model: mlp
                training: {epochs: 1}
                output: %s
                """
                                .formatted(dir.resolve("run")));
        // the CLI jar has no Spark: --master names the module it needs, before any training
        CliRun r = CliRun.of("run", sweep.toString(), "--master", "spark://127.0.0.1:7077");
        assertEquals(2, r.code(), r.text());
        assertTrue(
                r.text()
                        .contains(
                                "error: --master: executor kind 'spark' is not available: the Spark"
                                        + " executor needs frontier-spark on the class path"),
                r.text());
        assertFalse(Files.exists(dir.resolve("run").resolve("stages")), r.text());

        // the same from the sweep file's executor section
        Path inFile =
                Files.writeString(
                        dir.resolve("spark-file.yaml"),
                        Files.readString(sweep)
                                + "executor: {kind: spark, master: spark://127.0.0.1:7077}\n");
        CliRun fromFile = CliRun.of("run", inFile.toString());
        assertEquals(2, fromFile.code(), fromFile.text());
        assertTrue(
                fromFile.text()
                        .contains(
                                "error: "
                                        + inFile
                                        + ": executor: executor kind 'spark' is not available"),
                fromFile.text());

        CliRun conf = CliRun.of("run", sweep.toString(), "--spark-conf", "spark.authenticate=true");
        assertEquals(2, conf.code(), conf.text());
        assertTrue(conf.text().contains("error: --spark-conf needs --master"), conf.text());
    }

    @Test
    void run_unknownObjectiveMetric_exits2NamingTheFileAndKey() throws IOException {
        Path sweep =
                Files.writeString(
                        dir.resolve("metric.yaml"),
                        """
                name: metric
                dataset: {name: synthetic, limit: 100}
                model: mlp
                training: {epochs: 1}
                pipeline:
                  - prune: {ratio: 0.5}
                objectives:
                  - {metric: accuracy, direction: max}
                  - {metric: latency_p50, direction: min}
                output: %s
                """
                                .formatted(dir.resolve("run")));
        CliRun r = CliRun.of("run", sweep.toString());
        assertEquals(2, r.code(), r.text());
        assertTrue(
                r.text()
                        .contains(
                                "error: "
                                        + sweep
                                        + ": 1 problem(s):\n  objectives[1].metric: 'latency_p50' is not "
                                        + "a metric Frontier measures (did you mean 'latency_p50_ms'?)"),
                r.text());
        assertFalse(r.text().contains("interrupted"), r.text());
    }

    /**
     * The real entry point in a child JVM: the exit code, one line on stderr, the trace in the log
     * it names.
     */
    @Test
    void engineIllegalArgument_exits1AndLogsTheStackTrace() throws Exception {
        Child c = child(List.of(FailingCli.class.getName(), "throw", "engine"));
        assertEquals(1, c.code(), c.err());
        List<String> lines = c.err().lines().toList();
        assertEquals(1, lines.size(), c.err());
        assertTrue(
                lines.get(0)
                        .startsWith(
                                "frontier throw failed: IllegalArgumentException: need 0 <= successes <= total, "
                                        + "got 5/3 (stack trace in "
                                        + dir.resolve("logs").toAbsolutePath()),
                c.err());
        String log = Files.readString(logNamedIn(c.err()));
        assertTrue(
                log.contains(
                        "ERROR dev.frontier.cli.FrontierCli - frontier throw failed: IllegalArgumentException"),
                log);
        assertTrue(
                log.contains(
                        "java.lang.IllegalArgumentException: need 0 <= successes <= total, got 5/3"),
                log);
        assertTrue(log.contains("\tat dev.frontier.stats.Proportion.<init>(Proportion.java:"), log);
        assertTrue(log.contains("\tat dev.frontier.cli.FailingCli$Throw.call("), log);
    }

    /** A sweep that fails says what failed; only a stopped process says "interrupted". */
    @Test
    void run_failureIsNotCalledAnInterruption_butAStopIs() throws Exception {
        Path sweep =
                Files.writeString(
                        dir.resolve("tiny.yaml"),
                        """
                name: tiny
                dataset: {name: synthetic, limit: 3000}
                model: lenet5
                threads: 1
                parallelism: 1
                training: {epochs: 5}
                pipeline:
                  - prune: {ratio: 0.5}
                output: unused
                """);
        Path blocked = dir.resolve("blocked");
        Files.createDirectories(
                blocked.resolve("sweep.yaml")
                        .resolve("x")); // the run cannot publish its sweep.yaml
        Child failed =
                child(
                        List.of(
                                FrontierCli.class.getName(),
                                "run",
                                sweep.toString(),
                                "--out",
                                blocked.toString()));
        assertEquals(1, failed.code(), failed.err());
        assertTrue(failed.err().startsWith("frontier run failed: "), failed.err());
        assertEquals(1, failed.err().lines().count(), failed.err());
        assertFalse(failed.err().contains("interrupted"), failed.err());
        assertTrue(
                Files.readString(logNamedIn(failed.err()))
                        .contains("\tat dev.frontier.exec.run.SweepRunner.run("));

        Path runDir = dir.resolve("run");
        Process p =
                start(
                        List.of(
                                FrontierCli.class.getName(),
                                "run",
                                sweep.toString(),
                                "--out",
                                runDir.toString()));
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.contains("train_baseline epoch 1/5")) {
                // training has started once its first epoch is reported
            }
            p.destroy(); // SIGTERM, as a kill or a closed terminal would send
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }
        String err = Files.readString(dir.resolve("child.err"));
        assertTrue(
                err.contains(
                        "interrupted: finished stages and trials are kept in "
                                + runDir
                                + "; rerun the same command to resume"),
                err);
    }

    private record Child(int code, String err) {}

    private Child child(List<String> mainAndArgs) throws Exception {
        Process p = start(mainAndArgs);
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish");
        return new Child(p.exitValue(), Files.readString(dir.resolve("child.err")));
    }

    private Process start(List<String> mainAndArgs) throws IOException {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                "-Dai.djl.offline=true",
                                "-Dfrontier.log.dir=" + dir.resolve("logs")));
        cmd.addAll(mainAndArgs);
        return new ProcessBuilder(cmd).redirectError(dir.resolve("child.err").toFile()).start();
    }

    private Path logNamedIn(String err) throws IOException {
        Matcher m = LOGGED.matcher(err);
        assertTrue(m.find(), err);
        Path log = Path.of(m.group(1));
        try (Stream<Path> files = Files.list(dir.resolve("logs"))) {
            assertEquals(List.of(log), files.toList(), "the log named is the one log of the child");
        }
        return log;
    }
}
