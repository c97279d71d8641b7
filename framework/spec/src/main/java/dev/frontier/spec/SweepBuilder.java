package dev.frontier.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Fluent builder of a {@link Sweep} for notebooks. Unset values take the same defaults as YAML;
 * {@link #build()} checks everything and throws one {@link SpecException} listing every problem.
 *
 * <pre>{@code
 * Sweep sweep = Sweep.builder().name("quickstart")
 *     .dataset("fashion-mnist").limit(10_000)
 *     .model("lenet5")
 *     .training(t -> t.epochs(2))
 *     .prune(p -> p.ratio(0.5, 0.8))
 *     .quantize(q -> q.bits(8, 4))
 *     .build();
 * }</pre>
 */
public final class SweepBuilder {

    private String name;
    private String datasetName;
    private dev.frontier.data.UserDataset userData;
    private int limit;
    private long splitSeed;
    private double validation = Dataset.DEFAULT_VALIDATION;
    private String modelName;
    private double width = 1.0;
    private UserModel userModel;
    private java.util.function.Supplier<UserModel> inProcess;
    private final java.util.Map<String, String> modelArgs = new java.util.LinkedHashMap<>();
    private long seed;
    private String device = Device.AUTO.toString();
    private int threads;
    private UnaryOperator<TrainingBuilder> training = UnaryOperator.identity();
    private String teacherModel;
    private double teacherWidth = 1.0;
    private UnaryOperator<TrainingBuilder> teacherTraining = UnaryOperator.identity();
    private java.nio.file.Path teacherOnnx;
    private final List<Supplier<Pass>> pipeline = new ArrayList<>();
    private final List<PassType> kinds = new ArrayList<>();
    private Param<Backend> runtime = Param.of(Backend.ONNXRUNTIME);
    private Combine combine = Combine.GRID;
    private final List<Supplier<Exclusion>> exclude = new ArrayList<>();
    private final List<Supplier<Objective>> objectives = new ArrayList<>();
    private final List<String> constraints = new ArrayList<>();
    private int repeats = 1;
    private int parallelism;
    private String trackingUri;
    private String trackingExperiment;
    private String output;
    private Search search;

    SweepBuilder() {}

    /** The experiment name (required). */
    public SweepBuilder name(String value) {
        this.name = value;
        return this;
    }

    /** The dataset by {@link Catalog} name (required). */
    public SweepBuilder dataset(String value) {
        this.datasetName = value;
        return this;
    }

    /**
     * The user's own dataset (its name, when {@link #dataset(String)} gives none, is the path's
     * last part); a relative path is resolved against the working directory.
     */
    public SweepBuilder dataset(dev.frontier.data.UserDataset value) {
        this.userData = value;
        return this;
    }

    /** Training examples to use, 0 for all. */
    public SweepBuilder limit(int value) {
        this.limit = value;
        return this;
    }

    /** Seed of the train/validation split. */
    public SweepBuilder splitSeed(long value) {
        this.splitSeed = value;
        return this;
    }

    /** Fraction of training examples held out for validation. */
    public SweepBuilder validation(double value) {
        this.validation = value;
        return this;
    }

    /** The model by {@link Catalog} name (required). */
    public SweepBuilder model(String value) {
        this.modelName = value;
        return this;
    }

    /**
     * The user's model from a jar: {@code className} implements {@code
     * dev.frontier.model.ModelProvider} (public, with a no-argument constructor). Its name, when
     * {@link #model(String)} gives none, is the class's simple name in lower case. A relative jar
     * path is resolved against the working directory. The jar's code runs in this process.
     */
    public SweepBuilder model(String className, java.nio.file.Path jar) {
        this.userModel = new UserModel.Jar(jar.toAbsolutePath().normalize(), className);
        this.inProcess = null;
        return this;
    }

    /**
     * An argument for the factory of a model from a jar (it receives them in {@code
     * ModelRequest.args()}).
     */
    public SweepBuilder arg(String key, Object value) {
        modelArgs.put(key, String.valueOf(value));
        return this;
    }

    /**
     * The user's own block, made in this process by {@code factory} (a {@code
     * Supplier<ai.djl.nn.Block>} returning a new block on every call, e.g. {@code () -> myNet()})
     * for inputs of {@code channels x rows x cols}. Its stages run in this process (never on worker
     * processes); its stage keys hash its layer types and parameter shapes, so another block under
     * the same name is another model.
     */
    public SweepBuilder model(String name, Supplier<?> factory, int channels, int rows, int cols) {
        return inProcess(name, factory, channels, rows, cols);
    }

    /**
     * The user's own model made in this process from a provider instance (a {@code
     * dev.frontier.model.ModelProvider}), under its name, for inputs of {@code channels x rows x
     * cols}; as {@link #model(String, Supplier, int, int, int)}.
     */
    public SweepBuilder model(
            dev.frontier.zoo.ModelEntry provider, int channels, int rows, int cols) {
        return inProcess(provider.name(), provider, channels, rows, cols);
    }

    private SweepBuilder inProcess(String name, Object factory, int channels, int rows, int cols) {
        this.modelName = name;
        this.userModel = null;
        this.inProcess =
                () ->
                        new UserModel.InProcess(
                                dev.frontier.zoo.InProcessModels.find(
                                                SweepBuilder.class.getClassLoader())
                                        .of(name, factory, channels, rows, cols));
        return this;
    }

    /** The model's width multiplier, in (0, 16]. */
    public SweepBuilder width(double value) {
        this.width = value;
        return this;
    }

    /** The experiment seed. */
    public SweepBuilder seed(long value) {
        this.seed = value;
        return this;
    }

    /** {@code auto}, {@code cpu} or {@code gpu:N}. */
    public SweepBuilder device(String value) {
        this.device = value;
        return this;
    }

    /** Intra-op threads, 0 for automatic. */
    public SweepBuilder threads(int value) {
        this.threads = value;
        return this;
    }

    /** Adjusts the baseline training, starting from {@link Training#DEFAULT}. */
    public SweepBuilder training(UnaryOperator<TrainingBuilder> edit) {
        this.training = edit;
        return this;
    }

    /** A teacher of the given model, trained like the baseline. */
    public SweepBuilder teacher(String model) {
        return teacher(model, UnaryOperator.identity());
    }

    /**
     * A teacher of the given model whose training starts from the baseline training and is adjusted
     * by {@code edit}.
     */
    public SweepBuilder teacher(String model, UnaryOperator<TrainingBuilder> edit) {
        this.teacherModel = model;
        this.teacherOnnx = null;
        this.teacherTraining = edit;
        return this;
    }

    /**
     * A teacher given as an ONNX file, run on ONNX Runtime: it takes images normalized as for
     * training, [N, C, H, W], and returns logits [N, classes].
     */
    public SweepBuilder teacherOnnx(java.nio.file.Path file) {
        this.teacherOnnx = file;
        this.teacherModel = null;
        return this;
    }

    /** The teacher's width multiplier, in (0, 16]. */
    public SweepBuilder teacherWidth(double value) {
        this.teacherWidth = value;
        return this;
    }

    /** Appends a distill pass, starting from {@link Distill#DEFAULT}. */
    public SweepBuilder distill(UnaryOperator<PassBuilder.DistillBuilder> edit) {
        kinds.add(Distill.TYPE);
        pipeline.add(() -> edit.apply(new PassBuilder.DistillBuilder()).build());
        return this;
    }

    /** Appends a prune pass, starting from {@link Prune#DEFAULT}. */
    public SweepBuilder prune(UnaryOperator<PassBuilder.PruneBuilder> edit) {
        kinds.add(Prune.TYPE);
        pipeline.add(() -> edit.apply(new PassBuilder.PruneBuilder()).build());
        return this;
    }

    /** Appends a quantize pass, starting from {@link Quantize#DEFAULT}. */
    public SweepBuilder quantize(UnaryOperator<PassBuilder.QuantizeBuilder> edit) {
        kinds.add(Quantize.TYPE);
        pipeline.add(() -> edit.apply(new PassBuilder.QuantizeBuilder()).build());
        return this;
    }

    /** Appends a finetune pass, starting from {@link Finetune#DEFAULT}. */
    public SweepBuilder finetune(UnaryOperator<PassBuilder.FinetuneBuilder> edit) {
        kinds.add(Finetune.TYPE);
        pipeline.add(() -> edit.apply(new PassBuilder.FinetuneBuilder()).build());
        return this;
    }

    /**
     * Appends a pass of any registered type (see {@link PassRegistry}) by its YAML name, starting
     * from its declared defaults: {@code .pass("lowrank", p -> p.set("rank", 0.25, 0.5))}.
     *
     * @throws IllegalArgumentException if no pass of that name is registered
     */
    public SweepBuilder pass(String name, UnaryOperator<PassBuilder.Of> edit) {
        PassRegistry registry = PassRegistry.standard();
        PassType type =
                registry.get(name)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "unknown pass '"
                                                        + name
                                                        + "'"
                                                        + Suggestions.didYouMean(
                                                                name, registry.names())
                                                        + ", expected one of "
                                                        + String.join(", ", registry.names())));
        kinds.add(type);
        pipeline.add(() -> edit.apply(new PassBuilder.Of(type)).build());
        return this;
    }

    /**
     * Runs {@code budget} trials proposed one at a time by {@code strategy} (seeded) instead of
     * every trial of the grid.
     */
    public SweepBuilder search(Search.Strategy strategy, int budget, long seed) {
        this.search = new Search(strategy, budget, seed);
        return this;
    }

    /**
     * As {@link #search(Search.Strategy, int, long)}, stopping each trial that cannot reach the
     * frontier after {@code earlyStop.afterEpochs()} epochs ({@link EarlyStop#DEFAULT} for the YAML
     * reader's defaults).
     */
    public SweepBuilder search(
            Search.Strategy strategy, int budget, long seed, EarlyStop earlyStop) {
        this.search = new Search(strategy, budget, seed).withEarlyStop(earlyStop);
        return this;
    }

    /** The runtime(s) to measure on; more than one makes {@code runtime} an axis. */
    public SweepBuilder runtime(Backend... values) {
        this.runtime = PassBuilder.param(values);
        return this;
    }

    /** Grid (default) or zip. */
    public SweepBuilder combine(Combine value) {
        this.combine = value;
        return this;
    }

    /**
     * Adds an exclusion rule from axis/value pairs, e.g. {@code exclude("quantize.bits", 32,
     * "quantize.mode", "qat")}.
     */
    public SweepBuilder exclude(Object... axisValuePairs) {
        exclude.add(() -> Exclusion.of(axisValuePairs));
        return this;
    }

    /** Adds an objective; without any, {@link Objective#DEFAULTS} apply. */
    public SweepBuilder objective(String metric, Objective.Direction direction) {
        objectives.add(() -> new Objective(metric, direction));
        return this;
    }

    /** Adds a constraint such as {@code accuracy_drop <= 1.0}. */
    public SweepBuilder constraint(String text) {
        constraints.add(text);
        return this;
    }

    /** Repeats (seeds) per trial. */
    public SweepBuilder repeats(int value) {
        this.repeats = value;
        return this;
    }

    /** Trials run at once, 0 for automatic. */
    public SweepBuilder parallelism(int value) {
        this.parallelism = value;
        return this;
    }

    /** Logs to MLflow at {@code uri}, in an experiment named like the sweep. */
    public SweepBuilder tracking(String uri) {
        return tracking(uri, null);
    }

    /** Logs to MLflow at {@code uri} in {@code experiment}. */
    public SweepBuilder tracking(String uri, String experiment) {
        this.trackingUri = uri;
        this.trackingExperiment = experiment;
        return this;
    }

    /** Output directory; defaults to {@code runs/<name>}. */
    public SweepBuilder output(String value) {
        this.output = value;
        return this;
    }

    /**
     * Builds the sweep.
     *
     * @throws SpecException with every problem found, paths as in YAML (e.g. {@code
     *     pipeline[1].prune.ratio})
     */
    public Sweep build() {
        Gather g = new Gather(UnaryOperator.identity());
        if (name == null) {
            g.add("name", "missing, expected an experiment name");
        }
        if (datasetName == null && userData == null) {
            g.add(
                    "dataset.name",
                    "missing, expected one of " + String.join(", ", Catalog.datasetNames()));
        }
        if (modelName == null && userModel == null) {
            g.add(
                    "model.name",
                    "missing, expected one of " + String.join(", ", Catalog.modelNames()));
        }
        Dataset dataset;
        if (userData != null) {
            dev.frontier.data.UserDataset u = userData;
            java.nio.file.Path abs = u.path().toAbsolutePath().normalize();
            dev.frontier.data.UserDataset resolved =
                    new dev.frontier.data.UserDataset(
                            abs,
                            u.format(),
                            u.testPath().map(t -> t.toAbsolutePath().normalize()),
                            u.test(),
                            u.label(),
                            u.channels(),
                            u.rows(),
                            u.cols(),
                            u.mean(),
                            u.std());
            String label =
                    datasetName != null
                            ? datasetName
                            : abs.getFileName() == null ? "data" : abs.getFileName().toString();
            dataset =
                    g.attempt(
                            "dataset",
                            () ->
                                    new Dataset(
                                            label,
                                            limit,
                                            splitSeed,
                                            validation,
                                            Optional.of(resolved)));
        } else {
            dataset =
                    datasetName == null
                            ? null
                            : g.attempt(
                                    "dataset",
                                    () -> new Dataset(datasetName, limit, splitSeed, validation));
        }
        ModelSpec model;
        if (userModel instanceof UserModel.Jar jar) {
            String label = modelName != null ? modelName : ModelSpec.defaultName(jar.className());
            model =
                    g.attempt(
                            "model",
                            () -> new ModelSpec(label, width, modelArgs, Optional.of(jar)));
        } else if (inProcess != null) {
            UserModel made = g.attempt("model", inProcess);
            model =
                    made == null
                            ? null
                            : g.attempt(
                                    "model",
                                    () ->
                                            new ModelSpec(
                                                    modelName,
                                                    width,
                                                    modelArgs,
                                                    Optional.of(made)));
        } else {
            model =
                    modelName == null
                            ? null
                            : g.attempt(
                                    "model",
                                    () ->
                                            new ModelSpec(
                                                    modelName, width, modelArgs, Optional.empty()));
        }
        Device dev = g.attempt("device", () -> Device.parse(device));
        Training base =
                g.attempt(
                        "training",
                        () -> training.apply(new TrainingBuilder(Training.DEFAULT)).build());
        Optional<Teacher> teacher = Optional.empty();
        if (teacherModel != null) {
            ModelSpec tm =
                    g.attempt("teacher.model", () -> new ModelSpec(teacherModel, teacherWidth));
            Training tt =
                    g.attempt(
                            "teacher.training",
                            () ->
                                    teacherTraining
                                            .apply(
                                                    new TrainingBuilder(
                                                            base == null
                                                                    ? Training.DEFAULT
                                                                    : base.withoutPretrained()))
                                            .build());
            teacher = tm == null || tt == null ? null : Optional.of(new Teacher(tm, tt));
        } else if (teacherOnnx != null) {
            teacher = Optional.of(Teacher.onnx(teacherOnnx));
        }
        List<Pass> passes = new ArrayList<>();
        for (int i = 0; i < pipeline.size(); i++) {
            int index = i;
            passes.add(g.attempt(Paths.index("pipeline", i), () -> pipeline.get(index).get()));
        }
        List<Exclusion> rules = attemptAll(g, "exclude", exclude);
        List<Objective> objs =
                objectives.isEmpty() ? Objective.DEFAULTS : attemptAll(g, "objectives", objectives);
        List<Constraint> cons = new ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) {
            String text = constraints.get(i);
            cons.add(g.attempt(Paths.index("constraints", i), () -> Constraint.parse(text)));
        }
        Optional<Tracking> track =
                trackingUri == null
                        ? Optional.empty()
                        : Optional.ofNullable(
                                g.attempt(
                                        "tracking",
                                        () ->
                                                new Tracking(
                                                        trackingUri,
                                                        trackingExperiment == null
                                                                ? String.valueOf(name)
                                                                : trackingExperiment)));
        String out = output == null ? "runs/" + name : output;
        if (!g.ok()) {
            SweepRules.passOrder(teacherModel != null || teacherOnnx != null, passes, kinds)
                    .forEach(g::add);
            SweepRules.scalarProblems(name, threads, repeats, parallelism, out, objs)
                    .forEach(g::add);
            g.throwIfAny();
        }
        Optional<Teacher> finalTeacher = teacher;
        Sweep sweep =
                g.attempt(
                        "",
                        () ->
                                new Sweep(
                                        name,
                                        dataset,
                                        model,
                                        seed,
                                        dev,
                                        threads,
                                        base,
                                        finalTeacher,
                                        passes,
                                        runtime,
                                        combine,
                                        rules,
                                        objs,
                                        cons,
                                        repeats,
                                        parallelism,
                                        track,
                                        out,
                                        Optional.ofNullable(search)));
        g.throwIfAny();
        return sweep;
    }

    private static <T> List<T> attemptAll(Gather g, String key, List<Supplier<T>> makers) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < makers.size(); i++) {
            out.add(g.attempt(Paths.index(key, i), makers.get(i)));
        }
        return out;
    }
}
