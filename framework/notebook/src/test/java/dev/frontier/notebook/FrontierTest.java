package dev.frontier.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.exec.run.SweepResult;
import dev.frontier.spec.Backend;
import dev.frontier.spec.Sweep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrontierTest {
    @TempDir Path dir;

    private Sweep sweep(Path output) {
        return Sweep.builder()
                .name("front-door")
                .dataset("synthetic")
                .limit(600)
                .model("mlp")
                .width(0.25)
                .seed(5)
                .device("cpu")
                .threads(1)
                .parallelism(1)
                .training(t -> t.epochs(1).batchSize(64))
                .quantize(q -> q.bits(8))
                .runtime(Backend.DJL_PYTORCH)
                .tracking("file:" + dir.resolve("mlruns"), "front-door")
                .output(output.toString())
                .build();
    }

    @Test
    void run_isWhatFrontierRunDoes_andARerunReusesIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(out, true, StandardCharsets.UTF_8);
        Path folder = dir.resolve("elsewhere");
        SweepResult r =
                Frontier.options()
                        .quickLatency(true)
                        .log(log)
                        .out(folder)
                        .run(sweep(dir.resolve("unused")));
        assertEquals(0, r.failedTrials(), out.toString(StandardCharsets.UTF_8));
        assertEquals(folder.toAbsolutePath(), r.runDirectory());
        assertTrue(Files.isRegularFile(folder.resolve("report.html")));
        assertTrue(r.outcomes().get(1).metrics().get("accuracy") > 0.3, r.outcomes().toString());
        String progress = out.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("[1/1]"), progress);

        SweepResult again =
                Frontier.options().quickLatency(true).log(log).out(folder).run(sweep(dir));
        assertEquals(2, again.work().trialsReused(), again.work().describe());
    }
}
