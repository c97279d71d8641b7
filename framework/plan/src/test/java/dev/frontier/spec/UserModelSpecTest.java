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
import dev.frontier.plan.Planner;
import dev.frontier.plan.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep naming the user's model in a jar: read (the jar is checked to exist, never loaded),
 * written canonically with its absolute path and arguments, checked by the schema, and hashed with
 * the jar's bytes.
 */
class UserModelSpecTest {

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

    private Path sweepFile(String model) throws IOException {
        Path f = tmp.resolve("sweeps/s.yaml");
        Files.createDirectories(f.getParent());
        Files.writeString(
                f,
                "name: mine\ndataset: synthetic\nmodel: "
                        + model
                        + "\npipeline:\n  - prune: {ratio: [0.3, 0.6]}\n");
        return f;
    }

    private Path jar(String content) throws IOException {
        Path jar = tmp.resolve("lib/my.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, content); // not a jar at all: reading the sweep must not open it
        return jar;
    }

    @Test
    void jarModel_isReadWithoutLoadingTheJar_andItsCanonicalFormRoundTrips() throws IOException {
        Path jar = jar("not a zip");
        Path f =
                sweepFile(
                        "{class: com.acme.MyNet, jar: ../lib/my.jar, width: 0.5, args: {hidden: 64, act: relu}}");
        Sweep s = SpecReader.read(f);
        ModelSpec m = s.model();
        assertEquals("mynet", m.name());
        assertEquals(0.5, m.width());
        assertEquals(Map.of("act", "relu", "hidden", "64"), m.args());
        assertEquals(List.of("act", "hidden"), List.copyOf(m.args().keySet()));
        assertEquals(
                new UserModel.Jar(jar.toAbsolutePath().normalize(), "com.acme.MyNet"),
                m.user().orElseThrow());
        String canonical = SpecWriter.write(s);
        assertTrue(
                canonical.contains(
                        "  class: com.acme.MyNet\n  jar: "
                                + jar.toAbsolutePath().normalize()
                                + "\n"
                                + "  args: {act: relu, hidden: \"64\"}\n"),
                canonical);
        assertEquals(s, SpecReader.read(canonical, "canonical.yaml"));
        assertEquals(Set.of(), schemaErrors(canonical));
        assertEquals(Set.of(), schemaErrors(Files.readString(f)));
    }

    @Test
    void stageKeys_changeWithTheJarsBytesAndTheArguments_notWithARereadOfTheSameJar()
            throws IOException {
        jar("version 1");
        Sweep s =
                SpecReader.read(
                        sweepFile(
                                "{name: mine-net, class: com.acme.MyNet, jar: ../lib/my.jar, args: {h: 8}}"));
        List<String> keys = keys(s);
        assertEquals(keys, keys(SpecReader.read(tmp.resolve("sweeps/s.yaml"))));
        jar("version 2"); // a rebuilt jar
        List<String> rebuilt = keys(s);
        for (int i = 0; i < keys.size(); i++) {
            assertNotEquals(keys.get(i), rebuilt.get(i), "stage " + i);
        }
        Sweep otherArgs =
                SpecReader.read(
                        sweepFile(
                                "{name: mine-net, class: com.acme.MyNet, jar: ../lib/my.jar, args: {h: 16}}"));
        List<String> args16 = keys(otherArgs);
        for (int i = 0; i < keys.size(); i++) {
            assertNotEquals(rebuilt.get(i), args16.get(i), "stage " + i);
        }
    }

    private static List<String> keys(Sweep s) {
        return Planner.plan(s).stages().stream().map(Stage::key).toList();
    }

    @Test
    void missingJar_isOneErrorAtTheJarKey_namingTheFileAndTheClass() throws IOException {
        Path f = sweepFile("{class: com.acme.MyNet, jar: ../lib/none.jar}");
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read(f));
        assertEquals(
                List.of(
                        f
                                + ":3:37: model.jar: found "
                                + tmp.resolve("lib/none.jar").toAbsolutePath().normalize()
                                + ", which does not exist, expected the jar holding com.acme.MyNet"),
                lines(e));
    }

    @Test
    void classWithoutJar_andJarWithoutClass_areMissingKeys() throws IOException {
        jar("x");
        SpecException noJar =
                assertThrows(
                        SpecException.class,
                        () -> SpecReader.read(sweepFile("{class: com.acme.MyNet}")));
        assertEquals(
                List.of(
                        "model.jar: missing key 'jar', expected the jar holding com.acme.MyNet (relative to the sweep file)"),
                noLocation(noJar));
        SpecException noClass =
                assertThrows(
                        SpecException.class,
                        () -> SpecReader.read(sweepFile("{jar: ../lib/my.jar}")));
        assertEquals(
                List.of(
                        "model.class: missing key 'class', expected the provider class in the jar, e.g. com.acme.MyNet"),
                noLocation(noClass));
        SpecException badClass =
                assertThrows(
                        SpecException.class,
                        () ->
                                SpecReader.read(
                                        sweepFile(
                                                "{name: x, class: 'com.acme.My Net', jar: ../lib/my.jar}")));
        assertEquals(
                List.of(
                        "model.class: found 'com.acme.My Net', expected a Java class name such as com.acme.MyNet"),
                noLocation(badClass));
    }

    @Test
    void aModelMadeInAnotherProcess_cannotBeRerunFromTheFile() throws IOException {
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                SpecReader.read(
                                        sweepFile(
                                                "{name: mynet, width: 1.0, provided: in-process}")));
        assertEquals(
                List.of(
                        "model.provided: found a model defined in the process that wrote this file"
                                + " (Sweep.builder().model(name, block, ...)); it cannot be re-run from the file alone: package it in a jar"
                                + " (model: {class: ..., jar: ...}) or run the sweep again from that Java code"),
                noLocation(e));
    }

    @Test
    void builder_jarModel_equalsTheYamlForm() throws IOException {
        Path jar = jar("x");
        Sweep fromYaml =
                SpecReader.read(
                        sweepFile(
                                "{class: com.acme.MyNet, jar: ../lib/my.jar, args: {hidden: 64}}"));
        Sweep built =
                Sweep.builder()
                        .name("mine")
                        .dataset("synthetic")
                        .model("com.acme.MyNet", jar)
                        .arg("hidden", 64)
                        .prune(p -> p.ratio(0.3, 0.6))
                        .build();
        assertEquals(fromYaml.model(), built.model());
    }

    private static List<String> lines(SpecException e) {
        return e.problems().stream().map(Problem::toString).toList();
    }

    private static List<String> noLocation(SpecException e) {
        return e.problems().stream().map(p -> p.path() + ": " + p.message()).toList();
    }
}
