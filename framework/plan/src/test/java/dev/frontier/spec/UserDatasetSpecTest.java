package dev.frontier.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.frontier.data.DataFormat;
import dev.frontier.data.UserDataset;
import dev.frontier.plan.Plan;
import dev.frontier.plan.Planner;
import dev.frontier.plan.Stage;
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
 * A sweep on the user's own data: read, validated, written canonically, checked by the schema,
 * hashed with its files.
 */
class UserDatasetSpecTest {

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

    private Path sweepFile(String dataset) throws IOException {
        Path f = tmp.resolve("sweeps/s.yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(
                f,
                "name: mine\ndataset: "
                        + dataset
                        + "\nmodel: mlp\npipeline:\n  - prune: {ratio: [0.3, 0.6]}\n");
        return f;
    }

    @Test
    void imageFolder_relativePathIsTheSweepFilesFolders_andTheCanonicalFormRoundTrips()
            throws IOException {
        Path f =
                sweepFile(
                        "{path: ../data/shirts, format: imagefolder, resize: [32, 24], channels: 3, test: 0.25,"
                                + " limit: 600, splitSeed: 3}");
        Sweep s = SpecReader.read(f);
        UserDataset u = s.dataset().user().orElseThrow();
        assertEquals(tmp.resolve("data/shirts").toAbsolutePath().normalize(), u.path());
        assertEquals(DataFormat.IMAGEFOLDER, u.format());
        assertEquals(32, u.rows());
        assertEquals(24, u.cols());
        assertEquals(3, u.channels());
        assertEquals(0.25, u.test());
        assertEquals("shirts", s.dataset().name());
        assertEquals(600, s.dataset().limit());
        String canonical = SpecWriter.write(s);
        assertTrue(canonical.contains("path: " + u.path()), canonical);
        assertEquals(s, SpecReader.read(canonical, "canonical.yaml"));
        assertEquals(Set.of(), schemaErrors(canonical));
        assertEquals(Set.of(), schemaErrors(Files.readString(f)));
    }

    @Test
    void csvWithLabelAndTestPath_roundTrips() throws IOException {
        Path f =
                sweepFile(
                        "{name: iris, path: iris.csv, format: csv, label: species, testPath: iris-test.csv}");
        Sweep s = SpecReader.read(f);
        UserDataset u = s.dataset().user().orElseThrow();
        assertEquals("iris", s.dataset().name());
        assertEquals("species", u.label());
        assertEquals(
                Optional.of(tmp.resolve("sweeps/iris-test.csv").toAbsolutePath().normalize()),
                u.testPath());
        String canonical = SpecWriter.write(s);
        assertEquals(s, SpecReader.read(canonical, "canonical.yaml"));
        assertEquals(Set.of(), schemaErrors(canonical));
    }

    @Test
    void declarationsTheFormatDoesNotUse_areProblemsAtTheirKeys() {
        String head = "name: x\nmodel: mlp\ndataset: ";
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                SpecReader.read(
                                        head
                                                + "{path: t.csv, format: csv, resize: [28, 28], mean: 0.5}\n",
                                        "x.yaml"));
        String m = e.getMessage();
        assertTrue(m.contains("dataset.resize: found a resize, but csv rows are not images"), m);
        assertTrue(m.contains("dataset.std: missing, expected mean and std together"), m);
        assertTrue(m.contains("dataset.mean: found a mean, but csv columns are standardized"), m);

        e =
                assertThrows(
                        SpecException.class,
                        () ->
                                SpecReader.read(
                                        head
                                                + "{path: c, format: cifar, test: 0.3,"
                                                + " label: y}\n",
                                        "x.yaml"));
        assertTrue(
                e.getMessage()
                        .contains("dataset.test: found 0.3, but cifar data has its own test split"),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains("dataset.label: found 'y', but only csv data has a label column"),
                e.getMessage());

        e =
                assertThrows(
                        SpecException.class,
                        () ->
                                SpecReader.read(
                                        head + "{path: c, format: imagefolders}\n", "x.yaml"));
        assertTrue(
                e.getMessage().contains("x.yaml:3:")
                        && e.getMessage().contains("dataset.format: found 'imagefolders'")
                        && e.getMessage().contains("did you mean 'imagefolder'"),
                e.getMessage());

        e =
                assertThrows(
                        SpecException.class,
                        () -> SpecReader.read(head + "{format: csv}\n", "x.yaml"));
        assertTrue(e.getMessage().contains("dataset.path: missing"), e.getMessage());

        e =
                assertThrows(
                        SpecException.class,
                        () ->
                                SpecReader.read(
                                        head + "{path: d, format: idx, channels: 2}\n", "x.yaml"));
        assertTrue(
                e.getMessage().contains("dataset.channels: found 2, expected 1 (gray) or 3 (RGB)"),
                e.getMessage());
    }

    @Test
    void builder_takesAUserDataset() {
        Sweep s =
                Sweep.builder()
                        .name("b")
                        .dataset(
                                UserDataset.of(Path.of("my-images"), DataFormat.IMAGEFOLDER)
                                        .withResize(28, 28))
                        .limit(100)
                        .model("mlp")
                        .build();
        assertEquals("my-images", s.dataset().name());
        assertEquals(
                Path.of("my-images").toAbsolutePath(), s.dataset().user().orElseThrow().path());
        assertEquals(s, SpecReader.read(SpecWriter.write(s), "b.yaml"));
        assertEquals(90, s.dataset().trainExamples());
    }

    @Test
    void stageKeys_followTheFiles_andBuiltInKeysAreUnchanged() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("sweeps/imgs/a"));
        Files.write(data.resolve("1.png"), new byte[] {1, 2, 3});
        Sweep s = SpecReader.read(sweepFile("{path: imgs, format: imagefolder}"));
        List<String> first = Planner.plan(s).stages().stream().map(Stage::key).toList();
        assertEquals(first, Planner.plan(s).stages().stream().map(Stage::key).toList());
        Files.write(data.resolve("2.png"), new byte[] {4, 5});
        Plan edited = Planner.plan(s);
        List<String> second = edited.stages().stream().map(Stage::key).toList();
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertNotEquals(
                    first.get(i),
                    second.get(i),
                    "stage " + i + " must not be reused on edited data");
        }
        Sweep moved =
                SpecReader.read(sweepFile("{path: imgs, format: imagefolder, resize: [28, 28]}"));
        assertNotEquals(second.get(0), Planner.plan(moved).stages().get(0).key());
    }
}
