package dev.frontier.exec.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import dev.frontier.analysis.TrialOutcome;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelProvider;
import dev.frontier.model.ModelSpec;
import dev.frontier.model.UserModels;
import dev.frontier.onnx.bench.BenchSettings;
import dev.frontier.plan.Planner;
import dev.frontier.plan.Stage;
import dev.frontier.spec.Backend;
import dev.frontier.spec.SpecException;
import dev.frontier.spec.SpecReader;
import dev.frontier.spec.Sweep;
import dev.frontier.zoo.UserModelException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's own model end to end: a provider compiled from source in the test, packaged in a jar,
 * named in a sweep file and run (pruned + int8 on ONNX Runtime) in this process and on worker
 * processes; bad jars fail before training; a block made in this process runs its stages here.
 */
class UserModelSweepTest {
    @TempDir Path dir;

    /** A conv net with a residual block; its hidden width comes from the sweep's args. */
    static final String ACME_NET =
            """
            package com.acme;

            import ai.djl.ndarray.NDList;
            import ai.djl.ndarray.types.Shape;
            import ai.djl.nn.Activation;
            import ai.djl.nn.Block;
            import ai.djl.nn.Blocks;
            import ai.djl.nn.ParallelBlock;
            import ai.djl.nn.SequentialBlock;
            import ai.djl.nn.convolutional.Conv2d;
            import ai.djl.nn.core.Linear;
            import ai.djl.nn.norm.BatchNorm;
            import ai.djl.nn.pooling.Pool;
            import dev.frontier.model.ModelProvider;
            import dev.frontier.model.ModelRequest;
            import java.util.List;

            public class AcmeNet implements ModelProvider {
                public String name() { return "acme-net"; }
                public String description() { return "conv-BN-ReLU, a residual conv block, pool, two linear layers"; }
                public List<Integer> baseWidths() { return List.of(8); }

                public Block build(ModelRequest r) {
                    int hidden = Integer.parseInt(r.args().getOrDefault("hidden", "64"));
                    int c = r.width(0);
                    Block main = new SequentialBlock().add(conv(c)).add(BatchNorm.builder().build());
                    Block residual = new ParallelBlock(list -> new NDList(
                            list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                            List.of(main, Blocks.identityBlock()));
                    return new SequentialBlock()
                            .add(conv(c)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                            .add(residual).add(Activation.reluBlock())
                            .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                            .add(Blocks.batchFlattenBlock())
                            .add(Linear.builder().setUnits(hidden).build()).add(Activation.reluBlock())
                            .add(Linear.builder().setUnits(r.classes()).build());
                }

                private static Block conv(int c) {
                    return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                            .setFilters(c).build();
                }
            }
            """;

    /**
     * Compiles {@code sources} (class name to code) against the test class path into a jar at
     * {@code jar}.
     */
    static Path buildJar(Path work, Path jar, Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(work.resolve("src"));
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "-d",
                                classes.toString(),
                                "-classpath",
                                System.getProperty("java.class.path"),
                                "--release",
                                "17"));
        for (var e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, javac.run(null, null, err, args.toArray(String[]::new)), err.toString());
        Files.createDirectories(jar.getParent());
        try (OutputStream os = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(os);
                Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private Path acmeJar() throws IOException {
        return buildJar(
                dir.resolve("build"),
                dir.resolve("lib/acme.jar"),
                Map.of("com.acme.AcmeNet", ACME_NET));
    }

    private Path sweepFile(String name, int parallelism) throws IOException {
        Path f = dir.resolve("sweeps/" + name + ".yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(
                f,
                """
                name: %s
                dataset: {name: synthetic, limit: 600}
                model: {class: com.acme.AcmeNet, jar: ../lib/acme.jar, args: {hidden: 32}}
                seed: 7
                device: cpu
                threads: 1
                parallelism: %d
                training: {epochs: 1, batchSize: 64}
                pipeline:
                  - prune: {ratio: 0.5, finetuneEpochs: 1}
                  - quantize: {bits: 8, activations: true}
                runtime: onnxruntime
                """
                        .formatted(name, parallelism));
        return f;
    }

    private SweepRunner runner(ByteArrayOutputStream out) {
        return new SweepRunner(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                false,
                BenchSettings.quick(),
                Map.of("MLFLOW_TRACKING_URI", "file:" + dir.resolve("mlruns")));
    }

    @Test
    void aModelFromASeparatelyBuiltJar_isPrunedQuantizedAndMeasured_hereAndOnWorkers()
            throws IOException {
        Path jar = acmeJar();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Sweep sweep = SpecReader.read(sweepFile("acme", 1));
        SweepResult r = runner(log).run(sweep, dir.resolve("run"));
        assertEquals(0, r.failedTrials(), log.toString());
        assertTrue(
                log.toString()
                        .contains(
                                "model: model acmenet (class com.acme.AcmeNet in jar "
                                        + jar
                                        + "), args {hidden=32}"),
                log.toString());
        TrialOutcome base = r.outcomes().get(0);
        TrialOutcome trial = r.outcomes().get(1);
        // the args reached the factory: the baseline has the parameters of hidden=32, not of the
        // default 64
        ModelProvider provider = UserModels.fromJar(jar, "com.acme.AcmeNet");
        try (FrontierModel m32 =
                FrontierModel.create(
                        new ModelSpec(
                                "acmenet",
                                1,
                                1,
                                28,
                                28,
                                10,
                                List.of(),
                                Map.of("hidden", "32"),
                                provider),
                        Device.cpu(),
                        1)) {
            assertEquals(m32.parameterCount(), base.metrics().get("params"), 0.0);
            assertEquals(
                    8 * 9
                            + 8
                            + 2 * 8
                            + 8 * 8 * 9
                            + 8
                            + 2 * 8
                            + 8 * 14 * 14 * 32
                            + 32
                            + 32 * 10
                            + 10,
                    m32.parameterCount());
        }
        // ten classes: chance is 0.1 (one epoch on 540 images)
        assertTrue(base.metrics().get("accuracy") > 0.3, base.metrics().toString());
        assertTrue(trial.metrics().get("accuracy") > 0.3, trial.metrics().toString());
        assertEquals(0.5, trial.metrics().get("sparsity"), 0.05);
        assertTrue(
                trial.metrics().get("size_bytes") < base.metrics().get("size_bytes") / 4,
                trial.metrics() + " vs " + base.metrics());
        assertEquals("onnxruntime", trial.params().get("runtime"));
        String canonical = Files.readString(dir.resolve("run/sweep.yaml"));
        assertTrue(canonical.contains("  jar: " + jar + "\n"), canonical);
        System.out.printf(
                "acme jar sweep: baseline acc %.3f, %.0f bytes; pruned+int8 acc %.3f, %.0f bytes, sparsity %.2f,"
                        + " kernels %s%n",
                base.metrics().get("accuracy"),
                base.metrics().get("size_bytes"),
                trial.metrics().get("accuracy"),
                trial.metrics().get("size_bytes"),
                trial.metrics().get("sparsity"),
                trial.params().get("kernel_precision"));

        ByteArrayOutputStream plog = new ByteArrayOutputStream();
        SweepResult p =
                runner(plog).run(SpecReader.read(sweepFile("acme", 2)), dir.resolve("parallel"));
        assertEquals(0, p.failedTrials(), plog.toString());
        assertEquals(
                0,
                p.stagesRun(),
                "every stage ran in a worker process, which loaded the jar: " + plog);
        assertTrue(plog.toString().contains("worker process"), plog.toString());
        for (int i = 0; i < r.outcomes().size(); i++) {
            assertEquals(
                    r.outcomes().get(i).metrics().get("accuracy"),
                    p.outcomes().get(i).metrics().get("accuracy"),
                    r.outcomes().get(i).name());
        }
    }

    @Test
    void badJarsAndClasses_failBeforeTraining_namingJarAndClass() throws IOException {
        Path jar =
                buildJar(
                        dir.resolve("bad"),
                        dir.resolve("lib/acme.jar"),
                        Map.of(
                                "com.acme.AcmeNet", ACME_NET,
                                "com.acme.NotAProvider",
                                        "package com.acme; public class NotAProvider {}",
                                "com.acme.Throws",
                                        """
                        package com.acme;
                        public class Throws extends AcmeNet {
                            public ai.djl.nn.Block build(dev.frontier.model.ModelRequest r) {
                                throw new IllegalStateException("no hidden size given");
                            }
                        }
                        """));
        Map<String, String> expected =
                Map.of(
                        "com.acme.Missing",
                                "class com.acme.Missing in jar "
                                        + jar
                                        + ": no such class in the jar",
                        "com.acme.NotAProvider",
                                "class com.acme.NotAProvider in jar "
                                        + jar
                                        + " does not implement "
                                        + "dev.frontier.model.ModelProvider",
                        "com.acme.Throws",
                                "class com.acme.Throws in jar "
                                        + jar
                                        + ": building the block for "
                                        + "ModelRequest[channels=1, rows=28, cols=28, classes=10, widths=[8], args={}] threw "
                                        + "IllegalStateException: no hidden size given");
        for (var e : expected.entrySet()) {
            Sweep sweep =
                    Sweep.builder()
                            .name("bad")
                            .dataset("synthetic")
                            .limit(600)
                            .model(e.getKey(), jar)
                            .device("cpu")
                            .threads(1)
                            .training(t -> t.epochs(1))
                            .quantize(q -> q.bits(8))
                            .build();
            Path run = dir.resolve("run-" + e.getKey());
            UserModelException x =
                    assertThrows(
                            UserModelException.class,
                            () -> runner(new ByteArrayOutputStream()).run(sweep, run));
            assertTrue(x.getMessage().startsWith(e.getValue()), x.getMessage());
            assertTrue(
                    !Files.exists(run.resolve("stages"))
                            || Files.list(run.resolve("stages")).findAny().isEmpty(),
                    "nothing trained");
        }
        Sweep sweep =
                Sweep.builder()
                        .name("bad")
                        .dataset("synthetic")
                        .model("com.acme.AcmeNet", jar)
                        .build();
        Files.delete(jar); // validated, then deleted before the run
        UserModelException gone =
                assertThrows(
                        UserModelException.class,
                        () ->
                                runner(new ByteArrayOutputStream())
                                        .run(sweep, dir.resolve("run-gone")));
        assertEquals(
                "model jar " + jar + " does not exist (it should hold class com.acme.AcmeNet)",
                gone.getMessage());
    }

    static Block tinyBlock(int hidden) {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    @Test
    void aBlockMadeInThisProcess_runsItsStagesHere_andItsCanonicalFileSaysItCannotBeRerun()
            throws IOException {
        Supplier<Block> factory = () -> tinyBlock(48);
        Sweep sweep =
                Sweep.builder()
                        .name("mine")
                        .dataset("synthetic")
                        .limit(600)
                        .model("tiny", factory, 1, 28, 28)
                        .seed(3)
                        .device("cpu")
                        .threads(1)
                        .parallelism(2)
                        .training(t -> t.epochs(1).batchSize(64))
                        .prune(p -> p.ratio(0.5))
                        .quantize(q -> q.bits(8))
                        .runtime(Backend.DJL_PYTORCH)
                        .build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult r = runner(log).run(sweep, dir.resolve("run"));
        assertEquals(0, r.failedTrials(), log.toString());
        assertTrue(
                log.toString()
                        .contains(
                                "model tiny was made in this process, so worker processes cannot build it:"
                                        + " every stage runs here"),
                log.toString());
        assertEquals(3, r.stagesRun(), "baseline, prune, quantize in this process");
        assertEquals(
                784 * 48 + 48 + 48 * 10 + 10, r.outcomes().get(0).metrics().get("params"), 0.0);
        assertTrue(
                r.outcomes().get(1).metrics().get("accuracy") > 0.5,
                r.outcomes().get(1).metrics().toString());
        assertEquals(0.5, r.outcomes().get(1).metrics().get("sparsity"), 0.05);
        Path written = dir.resolve("run/sweep.yaml");
        assertTrue(
                Files.readString(written).contains("  provided: in-process\n"),
                Files.readString(written));
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(written));
        assertTrue(
                e.getMessage()
                        .contains(
                                "model.provided: found a model defined in the process that wrote this file"),
                e.getMessage());

        // another block under the same name is another model: no stage key is shared
        Sweep other =
                Sweep.builder()
                        .name("mine")
                        .dataset("synthetic")
                        .limit(600)
                        .model("tiny", (Supplier<Block>) () -> tinyBlock(24), 1, 28, 28)
                        .seed(3)
                        .prune(p -> p.ratio(0.5))
                        .quantize(q -> q.bits(8))
                        .build();
        List<String> a = Planner.plan(sweep).stages().stream().map(Stage::key).toList();
        List<String> b = Planner.plan(other).stages().stream().map(Stage::key).toList();
        assertTrue(a.stream().noneMatch(b::contains), a + " " + b);
        Block one = tinyBlock(8);
        UserModelException same =
                assertThrows(
                        UserModelException.class,
                        () ->
                                Sweep.builder()
                                        .name("x")
                                        .dataset("synthetic")
                                        .model("tiny", (Supplier<Block>) () -> one, 1, 28, 28)
                                        .build());
        assertTrue(
                same.getMessage()
                        .startsWith(
                                "model tiny (made in this process): the factory returned the same block "
                                        + "twice"),
                same.getMessage());
        assertNotEquals(a, b);
    }
}
