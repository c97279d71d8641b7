package dev.frontier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.spec.Device;
import dev.frontier.spec.Distill;
import dev.frontier.spec.Param;
import dev.frontier.spec.Prune;
import dev.frontier.spec.Quantize;
import dev.frontier.spec.Sweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSweepsTest {
    @TempDir Path dir;

    private static Sweep sweep() {
        return Sweep.builder()
                .name("s")
                .dataset("fashion-mnist")
                .model("lenet5")
                .teacher("cnn", t -> t.epochs(6))
                .training(t -> t.epochs(10))
                .distill(d -> d.epochs(3))
                .prune(p -> p.ratio(0.9).schedule(Prune.Schedule.GRADUAL).finetuneEpochs(8, 4))
                .quantize(q -> q.bits(4).mode(Quantize.Mode.QAT).qatEpochs(2))
                .build();
    }

    @Test
    void quick_capsEveryEpochCountAndLimitsTheData_keepingEverythingElse() {
        Sweep s =
                BenchSweeps.adjust(
                        sweep(), new BenchSweeps.Overrides(true, null, null, null, null));
        assertEquals(6000, s.dataset().limit());
        assertEquals(2, s.training().epochs());
        assertEquals(2, s.teacher().orElseThrow().training().epochs());
        assertEquals(
                Param.of(2),
                ((Distill) s.pipeline().get(0)).epochs(),
                "trained from scratch like the baseline");
        assertEquals(
                Param.of(1),
                ((Prune) s.pipeline().get(1)).finetuneEpochs(),
                "the axis [8, 4] collapses to 1");
        assertEquals(Param.of(1), ((Quantize) s.pipeline().get(2)).qatEpochs());
        assertEquals(Param.of(0.9), ((Prune) s.pipeline().get(1)).ratio());
        assertEquals(sweep().output(), s.output());
        assertEquals(sweep().training().lr(), s.training().lr());
    }

    @Test
    void quick_keepsAPassThatDoesNotTrainUntrained() {
        Sweep oneShot =
                Sweep.builder()
                        .name("s")
                        .dataset("mnist")
                        .model("mlp")
                        .prune(p -> p.finetuneEpochs(0, 3))
                        .build();
        Sweep s =
                BenchSweeps.adjust(
                        oneShot, new BenchSweeps.Overrides(true, null, null, null, null));
        assertEquals(Param.oneOf(List.of(0, 1)), ((Prune) s.pipeline().get(0)).finetuneEpochs());
    }

    @Test
    void overrides_replaceDatasetLimitDeviceAndThreads_andNoneChangesNothing() {
        Sweep s =
                BenchSweeps.adjust(
                        sweep(), new BenchSweeps.Overrides(true, "synthetic", 600, "cpu", 1));
        assertEquals("synthetic", s.dataset().name());
        assertEquals(600, s.dataset().limit(), "--limit wins over --quick's");
        assertEquals(Device.CPU, s.device());
        assertEquals(1, s.threads());
        assertEquals(sweep(), BenchSweeps.adjust(sweep(), BenchSweeps.Overrides.NONE));
    }

    @Test
    void badOverrides_nameTheOption() {
        UserInputException e =
                assertThrows(
                        UserInputException.class,
                        () ->
                                BenchSweeps.adjust(
                                        sweep(),
                                        new BenchSweeps.Overrides(
                                                false, "fashion", null, null, null)));
        assertEquals(
                "--dataset: 'fashion' is not one of fashion-mnist, mnist, synthetic",
                e.getMessage());
        e =
                assertThrows(
                        UserInputException.class,
                        () ->
                                BenchSweeps.adjust(
                                        sweep(),
                                        new BenchSweeps.Overrides(false, null, null, "tpu", null)));
        assertTrue(
                e.getMessage().startsWith("--device: found 'tpu', expected auto, cpu or gpu:N"),
                e.getMessage());
        e =
                assertThrows(
                        UserInputException.class,
                        () ->
                                BenchSweeps.adjust(
                                        sweep(),
                                        new BenchSweeps.Overrides(false, null, -1, null, null)));
        assertEquals("--limit must be >= 0 (0 = every example), got -1", e.getMessage());
    }

    @Test
    void sections_areTheFileNamePrefixes_andTheirFilesComeByName() throws IOException {
        for (String f :
                List.of(
                        "lenet5-qat.yaml",
                        "lenet5-prune.yaml",
                        "cnn-structured.yaml",
                        "distill.yaml",
                        "notes.txt")) {
            Files.writeString(dir.resolve(f), "name: x\n");
        }
        assertEquals(List.of("cnn", "distill", "lenet5"), BenchSweeps.sections(dir));
        assertEquals(
                List.of(dir.resolve("lenet5-prune.yaml"), dir.resolve("lenet5-qat.yaml")),
                BenchSweeps.files(dir, "lenet5"));
        assertEquals(List.of(dir.resolve("distill.yaml")), BenchSweeps.files(dir, "distill"));
    }

    @Test
    void repositoryBenchFolder_hasTheDefaultSections() {
        Path bench =
                Path.of(System.getProperty("frontier.repo", "../..")).resolve("experiments/bench");
        assertTrue(
                BenchSweeps.sections(bench).containsAll(List.of("lenet5", "cnn", "distill")),
                BenchSweeps.sections(bench).toString());
        // ptq-weights, ptq-activations, qat, prune and the 50x target share one baseline
        assertEquals(5, BenchSweeps.files(bench, "lenet5").size());
    }
}
