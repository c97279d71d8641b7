package dev.frontier.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.frontier.plan.Plan;
import dev.frontier.plan.Planner;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pretrained baseline and an ONNX teacher: read relative to the sweep file, written canonically,
 * schema-checked, hashed by content.
 */
class PretrainedSpecTest {

    @TempDir Path tmp;

    private static Set<String> schemaErrors(String yaml) throws IOException {
        var schema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                        .getSchema(
                                new ObjectMapper()
                                        .readTree(
                                                RepoRoot.experiments()
                                                        .resolve("frontier-sweep.schema.json")
                                                        .toFile()));
        return schema.validate(new ObjectMapper(new YAMLFactory()).readTree(yaml)).stream()
                .map(ValidationMessage::getMessage)
                .collect(Collectors.toSet());
    }

    private Path sweep(String body) throws IOException {
        Path f = tmp.resolve("sweeps/s.yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(
                f, "name: mine\ndataset: {name: synthetic, limit: 200}\nmodel: mlp\n" + body);
        return f;
    }

    private static List<String> keys(Plan plan, StageKind kind) {
        return plan.stages().stream().filter(s -> s.kind().equals(kind)).map(Stage::key).toList();
    }

    @Test
    void pretrained_isResolvedBesideTheSweepFile_roundTrips_andIsNotInheritedByTheTeacher()
            throws IOException {
        String body =
                "training: {epochs: 2, pretrained: ../weights/base-0000.params}\nteacher: {model: cnn}\n"
                        + "pipeline:\n  - distill: {epochs: 1}\n";
        Sweep s = SpecReader.read(sweep(body));
        Path expected = tmp.resolve("weights/base-0000.params").toAbsolutePath().normalize();
        assertEquals(Optional.of(expected), s.training().pretrained());
        assertEquals(2, s.training().epochs());
        assertEquals(Optional.empty(), s.teacher().orElseThrow().training().pretrained());
        String canonical = SpecWriter.write(s);
        assertTrue(canonical.contains("pretrained: " + expected), canonical);
        assertEquals(s, SpecReader.read(canonical, "canonical.yaml"));
        assertEquals(Set.of(), schemaErrors(Files.readString(tmp.resolve("sweeps/s.yaml"))));
        assertEquals(Set.of(), schemaErrors(canonical));
        assertFalse(
                schemaErrors("name: x\ndataset: mnist\nmodel: mlp\ntraining: {pretrained: 3}\n")
                        .isEmpty());

        Sweep built =
                Sweep.builder()
                        .name("mine")
                        .dataset("synthetic")
                        .model("mlp")
                        .training(t -> t.epochs(2).pretrained(expected))
                        .teacher("cnn")
                        .build();
        assertEquals(Optional.of(expected), built.training().pretrained());
        assertEquals(Optional.empty(), built.teacher().orElseThrow().training().pretrained());
    }

    @Test
    void onnxTeacher_readsAlone_roundTrips_andRejectsAModelBesideIt() throws IOException {
        Sweep s =
                SpecReader.read(
                        sweep("teacher: {onnx: t.onnx}\npipeline:\n  - distill: {epochs: 1}\n"));
        Teacher t = s.teacher().orElseThrow();
        assertTrue(t.isOnnx());
        assertEquals(
                tmp.resolve("sweeps/t.onnx").toAbsolutePath().normalize(), t.onnx().orElseThrow());
        assertEquals("onnx:t.onnx", t.describe());
        String canonical = SpecWriter.write(s);
        assertEquals(s, SpecReader.read(canonical, "canonical.yaml"));
        assertEquals(Set.of(), schemaErrors(canonical));
        assertFalse(
                schemaErrors(
                                "name: x\ndataset: mnist\nmodel: mlp\nteacher: {onnx: t.onnx, model: cnn}\n")
                        .isEmpty());

        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                SpecReader.read(
                                        "name: x\ndataset: mnist\nmodel: mlp\nteacher: {onnx: t.onnx, model: cnn}\npipeline:\n  - distill: {}\n",
                                        "x.yaml"));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("teacher.model", e.problems().get(0).path());
        assertTrue(e.getMessage().contains("beside 'onnx'"), e.getMessage());

        Sweep built =
                Sweep.builder()
                        .name("mine")
                        .dataset("synthetic")
                        .model("mlp")
                        .teacherOnnx(tmp.resolve("t.onnx"))
                        .distill(d -> d.epochs(1))
                        .build();
        assertTrue(built.teacher().orElseThrow().isOnnx());
    }

    @Test
    void stageKeys_followTheContentOfThePretrainedFile_andAMissingFileIsASpecProblem()
            throws IOException {
        Path weights = tmp.resolve("w.params");
        Sweep s =
                SpecReader.read(
                        sweep(
                                "training: {pretrained: ../w.params}\npipeline:\n  - prune: {ratio: 0.5}\n"));
        SpecException missing = assertThrows(SpecException.class, () -> Planner.plan(s));
        assertEquals("training.pretrained", missing.problems().get(0).path());
        assertTrue(missing.getMessage().contains(weights.toString()), missing.getMessage());

        Files.write(weights, new byte[] {1, 2, 3});
        Plan first = Planner.plan(s);
        Stage baseline = first.stages().get(0);
        assertEquals(StageKind.TRAIN_BASELINE, baseline.kind());
        assertEquals(0.0, baseline.estimatedSeconds());
        assertTrue(baseline.label().contains("pretrained from w.params"), baseline.label());
        assertEquals(
                first.stages().stream().map(Stage::key).toList(),
                Planner.plan(s).stages().stream().map(Stage::key).toList());
        Files.write(weights, new byte[] {1, 2, 4});
        Plan edited = Planner.plan(s);
        for (int i = 0; i < first.stages().size(); i++) {
            assertNotEquals(
                    first.stages().get(i).key(), edited.stages().get(i).key(), "stage " + i);
        }
        assertNotEquals(first.trials().get(0).id(), edited.trials().get(0).id());
        // without pretrained, the key is another (training from scratch)
        Sweep scratch = SpecReader.read(sweep("pipeline:\n  - prune: {ratio: 0.5}\n"));
        assertNotEquals(
                keys(first, StageKind.TRAIN_BASELINE),
                keys(Planner.plan(scratch), StageKind.TRAIN_BASELINE));
    }

    @Test
    void onnxTeacher_hasNoTeacherStage_andItsFileContentEntersTheDistillKey() throws IOException {
        Path onnx = tmp.resolve("sweeps/t.onnx");
        Sweep s =
                SpecReader.read(
                        sweep(
                                "teacher: {onnx: t.onnx}\npipeline:\n  - distill: {alpha: [0.5, 0.9]}\n"));
        assertThrows(SpecException.class, () -> Planner.plan(s));
        Files.write(onnx, new byte[] {7});
        Plan first = Planner.plan(s);
        assertEquals(List.of(), keys(first, StageKind.TRAIN_TEACHER));
        assertEquals(2, keys(first, StageKind.pass("distill")).size());
        assertTrue(
                first.stages().stream()
                        .filter(st -> st.kind().equals(StageKind.pass("distill")))
                        .allMatch(st -> st.params().containsKey("teacher_sha256")));
        Files.write(onnx, new byte[] {8});
        Plan edited = Planner.plan(s);
        assertEquals(keys(first, StageKind.TRAIN_BASELINE), keys(edited, StageKind.TRAIN_BASELINE));
        List<String> before = keys(first, StageKind.pass("distill"));
        for (String k : keys(edited, StageKind.pass("distill"))) {
            assertFalse(before.contains(k), k);
        }
    }
}
