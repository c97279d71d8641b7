package dev.frontier.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.frontier.limits.Interval;
import dev.frontier.limits.Limits;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validator and the hand-written JSON Schema accept exactly what {@link Limits} allows: every
 * bounded value is walked across both ends of its interval (the last accepted and the first
 * rejected number on each side), every bit width from -2 to 40, every name, in a minimal sweep
 * document.
 */
class LimitsAgreementTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String HEAD = "name: x\ndataset: mnist\nmodel: mlp\n";
    private static JsonSchema schema;

    /**
     * A bounded setting: where it goes in a sweep ({@code %s} for the value), its limit, integer or
     * decimal.
     */
    record Bounded(String template, Interval limit, boolean integer) {
        @Override
        public String toString() {
            return template.replace("\n", " ").trim() + " " + limit.describe();
        }
    }

    @BeforeAll
    static void loadSchema() throws IOException {
        JsonNode node =
                new ObjectMapper()
                        .readTree(
                                RepoRoot.experiments()
                                        .resolve("frontier-sweep.schema.json")
                                        .toFile());
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(node);
    }

    static List<Bounded> bounded() {
        String teacher = "teacher: {model: cnn}\npipeline:\n  - distill: ";
        return List.of(
                new Bounded(
                        HEAD.replace("model: mlp", "model: {name: mlp, width: %s}"),
                        Limits.WIDTH,
                        false),
                new Bounded(
                        HEAD + "teacher: {model: {name: cnn, width: %s}}\n", Limits.WIDTH, false),
                new Bounded(
                        HEAD.replace("dataset: mnist", "dataset: {name: mnist, validation: %s}"),
                        Limits.VALIDATION_FRACTION,
                        false),
                new Bounded(
                        HEAD.replace(
                                "dataset: mnist",
                                "dataset: {path: d, format: imagefolder, test: %s}"),
                        Limits.TEST_FRACTION,
                        false),
                new Bounded(
                        HEAD.replace(
                                "dataset: mnist",
                                "dataset: {path: d, format: imagefolder, resize: [%s, 28]}"),
                        Limits.IMAGE_SIDE,
                        true),
                new Bounded(
                        HEAD.replace(
                                "dataset: mnist",
                                "dataset: {path: d, format: cifar, resize: [32, %s]}"),
                        Limits.IMAGE_SIDE,
                        true),
                new Bounded(
                        HEAD.replace(
                                "dataset: mnist",
                                "dataset: {path: d, format: idx, mean: 0.5, std: %s}"),
                        Limits.NORMALIZATION_STD,
                        false),
                new Bounded(
                        HEAD.replace(
                                "dataset: mnist",
                                "dataset: {path: d.csv, format: csv, validation: %s}"),
                        Limits.VALIDATION_FRACTION,
                        false),
                new Bounded(HEAD + "training: {lr: %s}\n", Limits.LEARNING_RATE, false),
                new Bounded(HEAD + "training: {momentum: %s}\n", Limits.MOMENTUM, false),
                new Bounded(HEAD + "training: {weightDecay: %s}\n", Limits.WEIGHT_DECAY, false),
                new Bounded(HEAD + "training: {epochs: %s}\n", Limits.EPOCHS, true),
                new Bounded(HEAD + "training: {batchSize: %s}\n", Limits.BATCH_SIZE, true),
                new Bounded(HEAD + "training: {patience: %s}\n", Limits.PATIENCE, true),
                new Bounded(
                        HEAD + "teacher: {model: cnn, training: {lr: %s}}\n",
                        Limits.LEARNING_RATE,
                        false),
                new Bounded(HEAD + teacher + "{temperature: %s}\n", Limits.TEMPERATURE, false),
                new Bounded(HEAD + teacher + "{temperature: [%s]}\n", Limits.TEMPERATURE, false),
                new Bounded(HEAD + teacher + "{alpha: %s}\n", Limits.ALPHA, false),
                new Bounded(HEAD + teacher + "{alpha: [%s]}\n", Limits.ALPHA, false),
                new Bounded(HEAD + teacher + "{epochs: %s}\n", Limits.EPOCHS, true),
                new Bounded(
                        HEAD + "pipeline:\n  - prune: {ratio: %s}\n", Limits.PRUNE_RATIO, false),
                new Bounded(
                        HEAD + "pipeline:\n  - prune: {ratio: [%s]}\n", Limits.PRUNE_RATIO, false),
                new Bounded(
                        HEAD + "pipeline:\n  - prune: {finetuneEpochs: %s}\n",
                        Limits.OPTIONAL_EPOCHS,
                        true),
                new Bounded(
                        HEAD + "pipeline:\n  - prune: {finetuneLr: %s}\n",
                        Limits.OPTIONAL_LEARNING_RATE,
                        false),
                new Bounded(
                        HEAD + "pipeline:\n  - prune: {schedule: gradual, rampEnd: %s}\n",
                        Limits.RAMP_END,
                        false),
                new Bounded(
                        HEAD + "pipeline:\n  - quantize: {qatLr: %s}\n",
                        Limits.OPTIONAL_LEARNING_RATE,
                        false),
                new Bounded(HEAD + "pipeline:\n  - finetune: {epochs: %s}\n", Limits.EPOCHS, true),
                new Bounded(
                        HEAD + "pipeline:\n  - finetune: {lr: [%s]}\n",
                        Limits.LEARNING_RATE,
                        false),
                new Bounded(
                        HEAD + "pipeline:\n  - quantize: {calibrationSamples: %s}\n",
                        Limits.CALIBRATION_SAMPLES,
                        true),
                new Bounded(
                        HEAD + "pipeline:\n  - quantize: {qatEpochs: %s}\n",
                        Limits.OPTIONAL_EPOCHS,
                        true),
                new Bounded(
                        HEAD + "pipeline:\n  - quantize: {mode: qat, qatEpochs: %s}\n",
                        Limits.EPOCHS,
                        true),
                new Bounded(
                        HEAD + "pipeline:\n  - quantize: {mode: [ptq, qat], qatEpochs: [%s]}\n",
                        Limits.EPOCHS,
                        true));
    }

    /**
     * Values on both sides of both ends: for decimals the neighbouring doubles, for integers the
     * neighbouring ints.
     */
    static List<Double> probes(Interval limit, boolean integer) {
        List<Double> out = new ArrayList<>();
        for (double end : new double[] {limit.min(), limit.max()}) {
            if (!Double.isFinite(end)) {
                continue;
            }
            if (integer) {
                out.addAll(List.of(end - 1, end, end + 1));
            } else {
                out.addAll(List.of(end - 1, Math.nextDown(end), end, Math.nextUp(end), end + 0.5));
            }
        }
        out.add(limit.hasMax() ? (limit.min() + limit.max()) / 2 : limit.min() + 1000);
        return out;
    }

    @ParameterizedTest
    @MethodSource("bounded")
    void validatorAndSchema_acceptExactlyTheLimit(Bounded setting) {
        List<String> accepted = new ArrayList<>();
        for (double probe : probes(setting.limit(), setting.integer())) {
            if (setting.integer() && probe == Math.rint(probe) || !setting.integer()) {
                String text =
                        setting.integer()
                                ? String.valueOf((long) probe)
                                : BigDecimal.valueOf(probe).toString();
                String yaml = String.format(setting.template(), text);
                boolean expected = setting.limit().contains(probe);
                assertEquals(expected, validates(yaml), "validator on " + text + ":\n" + yaml);
                assertEquals(expected, schemaAccepts(yaml), "schema on " + text + ":\n" + yaml);
                if (expected) {
                    accepted.add(text);
                }
            }
        }
        assertFalse(accepted.isEmpty(), "some probe lies inside " + setting);
    }

    @Test
    void bits_validatorAndSchemaAcceptExactlyTheLimitsWidths() {
        walkBits(HEAD + "pipeline:\n  - quantize: {bits: %d, symmetric: false}\n", Limits::isBits);
        walkBits(
                HEAD + "pipeline:\n  - quantize: {bits: [%d], symmetric: false}\n", Limits::isBits);
        walkBits(
                HEAD + "pipeline:\n  - quantize: {symmetric: false, overrides: {fc1: %d}}\n",
                Limits::isBits);
    }

    @Test
    void symmetricBits_validatorAndSchemaRejectOneBit_axesAreLeftToTheValidatorsExcludeRules() {
        String fixed = HEAD + "pipeline:\n  - quantize: {bits: %d}\n";
        List<Integer> expected =
                IntStream.rangeClosed(-2, 40).filter(b -> Limits.isBits(b, true)).boxed().toList();
        assertEquals(
                expected,
                IntStream.rangeClosed(-2, 40)
                        .filter(b -> validates(String.format(fixed, b)))
                        .boxed()
                        .toList());
        assertEquals(
                expected,
                IntStream.rangeClosed(-2, 40)
                        .filter(b -> schemaAccepts(String.format(fixed, b)))
                        .boxed()
                        .toList());
        String override =
                HEAD + "pipeline:\n  - quantize: {symmetric: true, overrides: {fc1: 1}}\n";
        assertFalse(validates(override));
        assertFalse(schemaAccepts(override));
        // a symmetric axis with a rule dropping its 1-bit symmetric trial is valid
        assertTrue(
                validates(
                        HEAD
                                + "pipeline:\n  - quantize: {bits: [1, 4], symmetric: [true, false]}\n"
                                + "exclude:\n  - {quantize.bits: 1, quantize.symmetric: true}\n"));
        assertTrue(
                validates(
                        HEAD
                                + "pipeline:\n  - quantize: {bits: [1, 4], symmetric: [false, true]}\ncombine: zip\n"));
        assertFalse(
                validates(
                        HEAD
                                + "pipeline:\n  - quantize: {bits: [1, 4], symmetric: [true, false]}\ncombine: zip\n"));
        assertFalse(
                validates(
                        HEAD
                                + "pipeline:\n  - quantize: {symmetric: [true, false], overrides: {fc1: 1}}\n"));
        assertTrue(
                validates(
                        HEAD
                                + "pipeline:\n  - quantize: {symmetric: [true, false], overrides: {fc1: 1}}\n"
                                + "exclude:\n  - {quantize.symmetric: true}\n"));
        // the schema cannot see exclude rules, so it leaves axes to the validator
        assertTrue(
                schemaAccepts(
                        HEAD
                                + "pipeline:\n  - quantize: {bits: [1, 4], symmetric: [true, false]}\ncombine: zip\n"));
    }

    @Test
    void names_areLimitsNames_inTheCatalogTheValidatorAndTheSchema() throws IOException {
        List<String> models = List.of("mlp", "lenet5", "cnn", "resnet8", "resnet20", "mobilenet");
        assertEquals(models, Catalog.modelNames());
        assertEquals(15.0, Catalog.model("resnet20").orElseThrow().relativeCost());
        assertEquals(Limits.DATASET_NAMES, Catalog.datasetNames());
        models.forEach(n -> assertTrue(Catalog.model(n).isPresent(), n));
        Limits.DATASET_NAMES.forEach(n -> assertTrue(Catalog.dataset(n).isPresent(), n));
        JsonNode node =
                new ObjectMapper()
                        .readTree(
                                RepoRoot.experiments()
                                        .resolve("frontier-sweep.schema.json")
                                        .toFile());
        assertEquals(Set.copyOf(models), strings(node.at("/definitions/model/oneOf/0/enum")));
        assertEquals(
                Set.copyOf(models),
                strings(node.at("/definitions/model/oneOf/1/properties/name/enum")));
        assertEquals(
                Set.copyOf(Limits.DATASET_NAMES),
                strings(node.at("/properties/dataset/oneOf/0/enum")));
        assertEquals(
                Set.copyOf(Limits.DATASET_NAMES),
                strings(node.at("/properties/dataset/oneOf/1/properties/name/enum")));
        for (String model : models) {
            String yaml = HEAD.replace("model: mlp", "model: " + model);
            assertTrue(validates(yaml) && schemaAccepts(yaml), model);
        }
        for (String dataset : Limits.DATASET_NAMES) {
            String yaml = HEAD.replace("dataset: mnist", "dataset: " + dataset);
            assertTrue(validates(yaml) && schemaAccepts(yaml), dataset);
        }
        String unknown = HEAD.replace("model: mlp", "model: resnet18");
        assertFalse(validates(unknown) || schemaAccepts(unknown));
    }

    @Test
    void modelArgs_areRejectedByValidatorAndSchema() {
        String yaml = HEAD.replace("model: mlp", "model: {name: mlp, args: {hidden: 256}}");
        assertFalse(validates(yaml));
        assertFalse(schemaAccepts(yaml));
    }

    private static void walkBits(String template, IntPredicate limit) {
        List<Integer> expected = IntStream.rangeClosed(-2, 40).filter(limit).boxed().toList();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 16, 32), expected);
        assertEquals(
                expected,
                IntStream.rangeClosed(-2, 40)
                        .filter(b -> validates(String.format(template, b)))
                        .boxed()
                        .toList(),
                template);
        assertEquals(
                expected,
                IntStream.rangeClosed(-2, 40)
                        .filter(b -> schemaAccepts(String.format(template, b)))
                        .boxed()
                        .toList(),
                template);
    }

    private static boolean validates(String yaml) {
        try {
            SpecReader.read(yaml, "limits.yaml");
            return true;
        } catch (SpecException e) {
            return false;
        }
    }

    private static boolean schemaAccepts(String yaml) {
        try {
            return schema.validate(YAML.readTree(yaml)).isEmpty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
