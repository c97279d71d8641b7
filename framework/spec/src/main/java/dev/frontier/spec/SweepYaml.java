package dev.frontier.spec;

import dev.frontier.data.DataFormat;
import dev.frontier.data.UserDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the sections of a sweep document into the records, reporting every problem to the source's
 * gather.
 */
final class SweepYaml {

    private final YamlSource source;
    private final Gather g;

    /** The pass types a pipeline may name. */
    private final PassRegistry passes;

    /** The folder relative dataset paths are resolved against: the sweep file's. */
    private final Path base;

    /** The {@code executor} section read with the sweep (not part of it). */
    private Executor executor = Executor.LOCAL;

    SweepYaml(YamlSource source, Path base, PassRegistry passes) {
        this.source = source;
        this.passes = passes;
        this.g = source.gather();
        this.base = base;
    }

    Sweep read(Node root) {
        YamlMap top = YamlMap.of(root, "", source);
        String name = top.string("name", null);
        if (name == null && !top.has("name")) {
            top.missing("name", "an experiment name");
        }
        Dataset dataset = dataset(top);
        ModelSpec model = top.get("model").map(n -> model(n, "model")).orElse(null);
        if (!top.has("model")) {
            top.missing("model", "a model: one of " + String.join(", ", Catalog.modelNames()));
        }
        long seed = top.longInteger("seed", 0);
        Device device =
                top.get("device")
                        .flatMap(n -> source.string(n, "device"))
                        .map(text -> g.attempt("device", () -> Device.parse(text)))
                        .orElse(Device.AUTO);
        int threads = top.countOrAuto("threads", 0);
        Training training = training(top.map("training"), Training.DEFAULT);
        Optional<Teacher> teacher =
                top.get("teacher")
                        .map(n -> teacher(n, training == null ? Training.DEFAULT : training));
        List<Pass> pipeline = pipeline(top);
        Param<Backend> runtime =
                top.choiceParam("runtime", Backend.class, Param.of(Backend.ONNXRUNTIME));
        Combine combine = top.choice("combine", Combine.class, Combine.GRID);
        List<Exclusion> exclude = list(top, "exclude", this::exclusion);
        List<Objective> objectives =
                top.has("objectives")
                        ? list(top, "objectives", this::objective)
                        : Objective.DEFAULTS;
        List<Constraint> constraints =
                list(
                        top,
                        "constraints",
                        (n, p) ->
                                source.string(n, p)
                                        .map(text -> g.attempt(p, () -> Constraint.parse(text)))
                                        .orElse(null));
        int repeats = top.integer("repeats", 1);
        int parallelism = top.countOrAuto("parallelism", 0);
        Optional<Tracking> tracking = top.get("tracking").map(n -> tracking(n, name));
        Optional<Search> search = top.get("search").map(n -> search(n));
        String output = top.string("output", "runs/" + name);
        top.get("executor").ifPresent(n -> executor = executor(n));
        top.finish();
        boolean hasTeacher = top.has("teacher");
        boolean partsOk =
                name != null
                        && dataset != null
                        && model != null
                        && training != null
                        && (!hasTeacher || teacher.isPresent())
                        && (!top.has("tracking") || tracking.isPresent())
                        && Stream.of(pipeline, exclude, objectives, constraints)
                                .allMatch(l -> l.stream().allMatch(Objects::nonNull));
        if (!partsOk && g.ok()) {
            g.add("", "found an incomplete sweep, expected every section to be valid");
        }
        if (!g.ok()) {
            SweepRules.passOrder(hasTeacher, pipeline, passTypes(top)).forEach(g::add);
            SweepRules.scalarProblems(name, threads, repeats, parallelism, output, objectives)
                    .forEach(g::add);
            g.throwIfAny();
        }
        Sweep sweep =
                g.attempt(
                        "",
                        () ->
                                new Sweep(
                                        name,
                                        dataset,
                                        model,
                                        seed,
                                        device,
                                        threads,
                                        training,
                                        teacher,
                                        pipeline,
                                        runtime,
                                        combine,
                                        exclude,
                                        objectives,
                                        constraints,
                                        repeats,
                                        parallelism,
                                        tracking,
                                        output,
                                        search));
        g.throwIfAny();
        return sweep;
    }

    /** The type of every pipeline entry, null where the entry names no known pass. */
    private List<PassType> passTypes(YamlMap top) {
        List<PassType> types = new ArrayList<>();
        top.get("pipeline")
                .filter(n -> n instanceof SequenceNode)
                .ifPresent(
                        n -> {
                            for (Node item : ((SequenceNode) n).getValue()) {
                                PassType type = null;
                                if (item instanceof MappingNode m
                                        && m.getValue().size() == 1
                                        && m.getValue().get(0).getKeyNode()
                                                instanceof ScalarNode key) {
                                    type = passes.get(key.getValue()).orElse(null);
                                }
                                types.add(type);
                            }
                        });
        return types;
    }

    private Dataset dataset(YamlMap top) {
        Optional<Node> node = top.get("dataset");
        if (node.isEmpty()) {
            top.missing(
                    "dataset", "a dataset: one of " + String.join(", ", Catalog.datasetNames()));
            return null;
        }
        if (node.get() instanceof ScalarNode) {
            return source.string(node.get(), "dataset")
                    .map(n -> g.attempt("dataset", () -> Dataset.of(n)))
                    .orElse(null);
        }
        YamlMap m = YamlMap.of(node.get(), "dataset", source);
        String name = m.string("name", null);
        int limit = m.integer("limit", 0);
        long splitSeed = m.longInteger("splitSeed", 0);
        double validation = m.decimal("validation", Dataset.DEFAULT_VALIDATION);
        if (m.has("path") || m.has("format")) {
            Optional<UserDataset> user = userDataset(m);
            m.finish();
            if (user.isEmpty()) {
                return null;
            }
            String label =
                    name != null
                            ? name
                            : user.get().path().getFileName() == null
                                    ? "data"
                                    : user.get().path().getFileName().toString();
            return g.attempt(
                    "dataset", () -> new Dataset(label, limit, splitSeed, validation, user));
        }
        m.finish();
        if (name == null) {
            if (!m.has("name")) {
                m.missing("name", "one of " + String.join(", ", Catalog.datasetNames()));
            }
            return null;
        }
        return g.attempt("dataset", () -> new Dataset(name, limit, splitSeed, validation));
    }

    /**
     * The user's dataset keys of {@code m} (path and format required); empty after reporting a
     * problem.
     */
    private Optional<UserDataset> userDataset(YamlMap m) {
        String path = m.string("path", null);
        if (!m.has("path")) {
            m.missing("path", "the dataset's folder or file (relative to the sweep file)");
        }
        String formatText = m.string("format", null);
        if (!m.has("format")) {
            m.missing("format", "one of " + String.join(", ", DataFormat.yamlNames()));
        }
        Optional<DataFormat> format = Optional.ofNullable(formatText).flatMap(DataFormat::parse);
        if (formatText != null && format.isEmpty()) {
            source.report(
                    m.get("format").orElseThrow(),
                    m.child("format"),
                    "found '"
                            + formatText
                            + "'"
                            + Suggestions.didYouMean(formatText, DataFormat.yamlNames())
                            + ", expected one of "
                            + String.join(", ", DataFormat.yamlNames()));
        }
        String testPath = m.string("testPath", null);
        double test = m.decimal("test", UserDataset.DEFAULT_TEST);
        String label = m.string("label", UserDataset.DEFAULT_LABEL);
        int channels = m.integer("channels", 0);
        int[] resize = {0, 0};
        m.get("resize")
                .ifPresent(
                        n -> {
                            if (n instanceof SequenceNode seq && seq.getValue().size() == 2) {
                                for (int i = 0; i < 2; i++) {
                                    int k = i;
                                    source.integer(
                                                    seq.getValue().get(i),
                                                    Paths.index(m.child("resize"), i))
                                            .ifPresent(v -> resize[k] = v);
                                }
                            } else {
                                source.report(
                                        n,
                                        m.child("resize"),
                                        "found "
                                                + YamlSource.describe(n)
                                                + ", expected [rows, cols]");
                            }
                        });
        Optional<Double> mean = m.get("mean").flatMap(n -> source.decimal(n, m.child("mean")));
        Optional<Double> std = m.get("std").flatMap(n -> source.decimal(n, m.child("std")));
        if (path == null || format.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new UserDataset(
                        resolve(path),
                        format.get(),
                        Optional.ofNullable(testPath).map(this::resolve),
                        test,
                        label,
                        channels,
                        resize[0],
                        resize[1],
                        mean,
                        std));
    }

    private Path resolve(String path) {
        return base.resolve(path).toAbsolutePath().normalize();
    }

    private ModelSpec model(Node node, String path) {
        if (node instanceof ScalarNode) {
            return source.string(node, path)
                    .map(n -> g.attempt(path, () -> ModelSpec.of(n)))
                    .orElse(null);
        }
        YamlMap m = YamlMap.of(node, path, source);
        String name = m.string("name", null);
        double width = m.decimal("width", 1.0);
        String className = m.string("class", null);
        String jarText = m.string("jar", null);
        Map<String, String> args = new LinkedHashMap<>();
        YamlMap a = m.map("args");
        for (String key : a.keys()) {
            a.get(key)
                    .flatMap(v -> source.string(v, a.child(key)))
                    .ifPresent(v -> args.put(key, v));
        }
        Optional<Node> provided = m.get("provided");
        m.finish();
        if (provided.isPresent()) {
            source.report(
                    provided.get(),
                    m.child("provided"),
                    "found a model defined in the process that wrote this file"
                            + " (Sweep.builder().model(name, block, ...)); it cannot be re-run from the file alone: package it in"
                            + " a jar (model: {class: ..., jar: ...}) or run the sweep again from that Java code");
            return null;
        }
        if (className != null || jarText != null) {
            if (className == null) {
                m.missing("class", "the provider class in the jar, e.g. com.acme.MyNet");
            }
            if (jarText == null) {
                m.missing(
                        "jar",
                        "the jar holding "
                                + (className == null ? "the class" : className)
                                + " (relative to the sweep file)");
            }
            if (className == null || jarText == null) {
                return null;
            }
            Path jar = resolve(jarText);
            if (!Files.isRegularFile(jar)) {
                source.report(
                        m.get("jar").orElseThrow(),
                        m.child("jar"),
                        "found "
                                + jar
                                + ", which "
                                + (Files.exists(jar) ? "is not a file" : "does not exist")
                                + ", expected the jar holding "
                                + className);
                return null;
            }
            String label = name != null ? name : ModelSpec.defaultName(className);
            return g.attempt(
                    path,
                    () ->
                            new ModelSpec(
                                    label,
                                    width,
                                    args,
                                    Optional.of(new UserModel.Jar(jar, className))));
        }
        if (name == null) {
            if (!m.has("name")) {
                m.missing(
                        "name",
                        "one of "
                                + String.join(", ", Catalog.modelNames())
                                + ", or class and jar of your own");
            }
            return null;
        }
        return g.attempt(path, () -> new ModelSpec(name, width, args, Optional.empty()));
    }

    private Training training(YamlMap m, Training base) {
        Training.Optimizer optimizer =
                m.choice("optimizer", Training.Optimizer.class, base.optimizer());
        double lr = m.decimal("lr", base.lr());
        double momentum = m.decimal("momentum", base.momentum());
        double weightDecay = m.decimal("weightDecay", base.weightDecay());
        Training.LrSchedule schedule =
                m.choice("schedule", Training.LrSchedule.class, base.schedule());
        int epochs = m.integer("epochs", base.epochs());
        int batchSize = m.integer("batchSize", base.batchSize());
        int patience = m.integer("patience", base.patience());
        Optional<Path> pretrained =
                Optional.ofNullable(m.string("pretrained", null))
                        .map(this::resolve)
                        .or(base::pretrained);
        m.finish();
        return g.attempt(
                m.path(),
                () ->
                        new Training(
                                optimizer,
                                lr,
                                momentum,
                                weightDecay,
                                schedule,
                                epochs,
                                batchSize,
                                patience,
                                pretrained));
    }

    private Teacher teacher(Node node, Training baseline) {
        YamlMap m = YamlMap.of(node, "teacher", source);
        if (m.has("onnx")) {
            String onnx = m.string("onnx", null);
            for (String other : List.of("model", "training")) {
                if (m.has(other)) {
                    source.report(
                            m.get(other).orElseThrow(),
                            m.child(other),
                            "found '"
                                    + other
                                    + "' beside 'onnx', expected"
                                    + " either an ONNX teacher {onnx: file} or a trained one {model: ..., training: ...}");
                }
            }
            m.finish();
            return onnx == null ? null : Teacher.onnx(resolve(onnx));
        }
        ModelSpec model = m.get("model").map(n -> model(n, "teacher.model")).orElse(null);
        if (!m.has("model")) {
            m.missing(
                    "model",
                    "the teacher's model: one of "
                            + String.join(", ", Catalog.modelNames())
                            + " (or 'onnx: file.onnx' for an ONNX teacher)");
        }
        // the baseline's pretrained weights are not the teacher's: a teacher names its own file
        Training training = training(m.map("training"), baseline.withoutPretrained());
        m.finish();
        return model == null || training == null ? null : new Teacher(model, training);
    }

    private List<Pass> pipeline(YamlMap top) {
        List<Pass> passes = new ArrayList<>();
        Optional<Node> node = top.get("pipeline");
        if (node.isEmpty() || YamlSource.isNull(node.get())) {
            return passes;
        }
        if (!(node.get() instanceof SequenceNode seq)) {
            source.report(
                    node.get(),
                    "pipeline",
                    "found "
                            + YamlSource.describe(node.get())
                            + ", expected a list of passes such as '- prune: {ratio: 0.5}'");
            return passes;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            passes.add(pass(seq.getValue().get(i), Paths.index("pipeline", i)));
        }
        return passes;
    }

    private Pass pass(Node node, String path) {
        String expected = "one of " + String.join(", ", passes.names());
        if (!(node instanceof MappingNode mapping)
                || mapping.getValue().size() != 1
                || !(mapping.getValue().get(0).getKeyNode() instanceof ScalarNode key)) {
            source.report(
                    node,
                    path,
                    "found "
                            + YamlSource.describe(node)
                            + (node instanceof MappingNode
                                    ? " with " + ((MappingNode) node).getValue().size() + " keys"
                                    : "")
                            + ", expected a single pass key: "
                            + expected);
            return null;
        }
        String kind = key.getValue();
        String passPath = Paths.join(path, kind);
        Optional<PassType> type = passes.get(kind);
        if (type.isEmpty()) {
            source.report(
                    key,
                    passPath,
                    "found unknown pass '"
                            + kind
                            + "'"
                            + Suggestions.didYouMean(kind, passes.names())
                            + ", expected "
                            + expected);
            return null;
        }
        YamlMap m = YamlMap.of(mapping.getValue().get(0).getValueNode(), passPath, source);
        Map<String, Object> values = values(type.get(), m);
        Pass pass = g.attempt(passPath, () -> type.get().create(values));
        m.finish();
        return pass;
    }

    /**
     * The values a pass's mapping gives, read as its type declares them; absent keys (and values
     * already reported as bad) are left out, so they take their defaults.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Map<String, Object> values(PassType type, YamlMap m) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParamDecl<?> d : type.params()) {
            String k = d.key();
            if (!m.has(k)) {
                continue;
            }
            Object v =
                    switch (d.type()) {
                        case DECIMAL -> m.decimalParam(k, null);
                        case INTEGER -> m.integerParam(k, null);
                        case BOOLEAN -> m.boolParam(k, null);
                        case CHOICE -> m.choiceParam(k, (Class) d.choices(), null);
                        case STRINGS -> m.strings(k, null);
                        case LAYER_INTS -> {
                            Map<String, Integer> ints = new LinkedHashMap<>();
                            YamlMap o = m.map(k);
                            for (String layer : o.keys()) {
                                o.get(layer)
                                        .flatMap(x -> source.integer(x, o.child(layer)))
                                        .ifPresent(b -> ints.put(layer, b));
                            }
                            yield ints;
                        }
                    };
            if (v != null) {
                values.put(k, v);
            }
        }
        return values;
    }

    private Exclusion exclusion(Node node, String path) {
        YamlMap m = YamlMap.of(node, path, source);
        Map<String, List<Object>> when = new LinkedHashMap<>();
        for (String axis : m.keys()) {
            m.get(axis).ifPresent(v -> when.put(axis, source.rawList(v, m.child(axis))));
        }
        return g.attempt(path, () -> new Exclusion(when));
    }

    private Objective objective(Node node, String path) {
        YamlMap m = YamlMap.of(node, path, source);
        String metric = m.string("metric", null);
        Objective.Direction direction = m.choice("direction", Objective.Direction.class, null);
        if (!m.has("metric")) {
            m.missing("metric", "a metric name such as accuracy");
        }
        if (!m.has("direction")) {
            m.missing("direction", "max or min");
        }
        m.finish();
        return metric == null || direction == null
                ? null
                : g.attempt(path, () -> new Objective(metric, direction));
    }

    private Search search(Node node) {
        YamlMap m = YamlMap.of(node, "search", source);
        Search.Strategy strategy = m.choice("strategy", Search.Strategy.class, null);
        if (!m.has("strategy")) {
            m.missing(
                    "strategy", "one of " + String.join(", ", Named.names(Search.Strategy.class)));
        }
        if (!m.has("budget")) {
            m.missing("budget", "how many trials to run, e.g. 20");
        }
        int budget = m.integer("budget", 1);
        long seed = m.longInteger("seed", 0);
        Optional<EarlyStop> earlyStop =
                m.get("earlyStop")
                        .filter(n -> !YamlSource.isNull(n))
                        .flatMap(n -> Optional.ofNullable(earlyStop(n, m.child("earlyStop"))));
        m.finish();
        return strategy == null || !m.has("budget") || (m.has("earlyStop") && earlyStop.isEmpty())
                ? null
                : g.attempt("search", () -> new Search(strategy, budget, seed, earlyStop));
    }

    /** {@code earlyStop: {afterEpochs, margin}}; each key defaults as in {@link EarlyStop}. */
    private EarlyStop earlyStop(Node node, String path) {
        YamlMap m = YamlMap.of(node, path, source);
        int afterEpochs = m.integer("afterEpochs", EarlyStop.DEFAULT_AFTER_EPOCHS);
        double margin = m.decimal("margin", EarlyStop.DEFAULT_MARGIN);
        m.finish();
        return g.attempt(path, () -> new EarlyStop(afterEpochs, margin));
    }

    /** The executor section read by the last {@link #read}. */
    Executor executor() {
        return executor;
    }

    private Executor executor(Node node) {
        YamlMap m = YamlMap.of(node, "executor", source);
        String kind = m.string("kind", "local");
        String master = m.string("master", "");
        Map<String, String> conf = new LinkedHashMap<>();
        YamlMap c = m.map("conf");
        for (String key : c.keys()) {
            c.get(key)
                    .flatMap(v -> source.string(v, c.child(key)))
                    .ifPresent(v -> conf.put(key, v));
        }
        Optional<Node> kindNode = m.get("kind");
        m.finish();
        if (!kind.equals("local") && !kind.equals("spark")) {
            source.report(
                    kindNode.orElse(node),
                    m.child("kind"),
                    "found '" + kind + "', expected local or spark");
            return Executor.LOCAL;
        }
        if (kind.equals("spark") && master.isBlank()) {
            m.missing("master", "the Spark master URL, e.g. spark://host:7077");
            return Executor.LOCAL;
        }
        return new Executor(kind, master, conf);
    }

    private Tracking tracking(Node node, String name) {
        YamlMap m = YamlMap.of(node, "tracking", source);
        String uri = m.string("uri", null);
        if (!m.has("uri")) {
            m.missing("uri", "an MLflow tracking URI such as http://localhost:5000");
        }
        String experiment = m.string("experiment", name);
        m.finish();
        return uri == null || experiment == null
                ? null
                : g.attempt("tracking", () -> new Tracking(uri, experiment));
    }

    private <T> List<T> list(
            YamlMap top, String key, java.util.function.BiFunction<Node, String, T> item) {
        List<T> out = new ArrayList<>();
        Optional<Node> node = top.get(key);
        if (node.isEmpty() || YamlSource.isNull(node.get())) {
            return out;
        }
        if (!(node.get() instanceof SequenceNode seq)) {
            source.report(
                    node.get(),
                    key,
                    "found " + YamlSource.describe(node.get()) + ", expected a list");
            return out;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            out.add(item.apply(seq.getValue().get(i), Paths.index(key, i)));
        }
        return out;
    }
}
