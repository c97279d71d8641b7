package dev.frontier.exec.stage;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.frontier.data.DataSplits;
import dev.frontier.engine.EngineSetup;
import dev.frontier.model.ModelProvider;
import dev.frontier.model.ModelRegistry;
import dev.frontier.model.ModelSpec;
import dev.frontier.model.UserModels;
import dev.frontier.spec.Sweep;
import dev.frontier.spec.UserModel;
import dev.frontier.zoo.InProcessModel;
import dev.frontier.zoo.UserModelException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The providers of one sweep's models, resolved once per process: a registered model by name, the
 * user's model from its jar (loaded here: the jar's code runs in this process) or the object made
 * in this process.
 *
 * @param sweep the sweep
 * @param student the provider of the sweep's model
 * @param teacher the provider of the teacher's model, if the sweep has one
 */
public record SweepModels(Sweep sweep, ModelProvider student, Optional<ModelProvider> teacher) {

    /**
     * Resolves the sweep's models; a jar that cannot be loaded is a {@link UserModelException}
     * naming jar and class.
     */
    public static SweepModels of(Sweep sweep) {
        return new SweepModels(
                sweep,
                provider(sweep.model()),
                sweep.teacher().filter(t -> !t.isOnnx()).map(t -> provider(t.model())));
    }

    /** The provider of {@code m}. */
    public static ModelProvider provider(dev.frontier.spec.ModelSpec m) {
        if (m.user().isEmpty()) {
            return ModelRegistry.provider(m.name());
        }
        UserModel u = m.user().get();
        if (u instanceof UserModel.Jar jar) {
            return UserModels.fromJar(jar.jar(), jar.className());
        }
        return (ModelProvider) ((UserModel.InProcess) u).model();
    }

    /**
     * Whether the sweep's model was made in this process (its stages cannot run on worker
     * processes).
     */
    public boolean inProcess() {
        return sweep.model().user().filter(u -> u instanceof UserModel.InProcess).isPresent();
    }

    /**
     * The provider of the model stored under {@code name}: the sweep's, the teacher's, else a
     * registered one.
     */
    public ModelProvider byName(String name) {
        if (name.equals(sweep.model().name())) {
            return student;
        }
        if (teacher.isPresent() && sweep.teacher().orElseThrow().model().name().equals(name)) {
            return teacher.get();
        }
        return ModelRegistry.provider(name);
    }

    /** The sweep's model for images shaped like {@code data}'s. */
    public ModelSpec studentSpec(DataSplits data) {
        return spec(sweep.model(), student, data);
    }

    /** The teacher's model for images shaped like {@code data}'s. */
    public ModelSpec teacherSpec(DataSplits data) {
        return spec(sweep.teacher().orElseThrow().model(), teacher.orElseThrow(), data);
    }

    private static ModelSpec spec(dev.frontier.spec.ModelSpec m, ModelProvider p, DataSplits data) {
        return Conversions.model(
                m,
                p,
                data.train().channels(),
                data.train().rows(),
                data.train().cols(),
                data.train().numClasses());
    }

    /**
     * Builds the user's models once for {@code data}, before any training: a factory that throws, a
     * block that does not take the data's images or does not output one score per class is a {@link
     * UserModelException} naming the model.
     */
    public void check(DataSplits data) {
        if (sweep.model().user().isPresent()) {
            check(sweep.model(), studentSpec(data), data);
        }
        if (teacher.isPresent() && sweep.teacher().orElseThrow().model().user().isPresent()) {
            check(sweep.teacher().orElseThrow().model(), teacherSpec(data), data);
        }
    }

    private static void check(dev.frontier.spec.ModelSpec m, ModelSpec spec, DataSplits data) {
        String where = describe(m);
        int[] shape = {data.train().channels(), data.train().rows(), data.train().cols()};
        if (m.user().get() instanceof UserModel.InProcess p) {
            InProcessModel model = p.model();
            if (!Arrays.equals(model.inputShape(), shape)) {
                throw new UserModelException(
                        where
                                + " was declared for inputs "
                                + show(model.inputShape())
                                + ", but the data's images are "
                                + show(shape));
            }
        }
        Block block =
                spec.provider()
                        .build(
                                new dev.frontier.model.ModelRequest(
                                        spec.channels(),
                                        spec.rows(),
                                        spec.cols(),
                                        spec.numClasses(),
                                        spec.effectiveHidden(),
                                        spec.args()));
        Shape input = new Shape(1, shape[0], shape[1], shape[2]);
        EngineSetup.start(0);
        Shape out;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), EngineSetup.ENGINE)) {
            block.initialize(manager, DataType.FLOAT32, input);
            out = block.getOutputShapes(new Shape[] {input})[0];
        } catch (RuntimeException e) {
            throw new UserModelException(
                    where
                            + " cannot take the data's images "
                            + show(shape)
                            + ": "
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    e);
        }
        int classes = spec.numClasses();
        if (out.dimension() != 2 || out.get(1) != classes) {
            throw new UserModelException(
                    where
                            + " outputs "
                            + out
                            + " for a batch of one, expected (1, "
                            + classes
                            + "): one score per class of the data");
        }
    }

    /**
     * How errors and logs name the model: {@code model mynet (class com.acme.MyNet in jar
     * /x/my.jar)}.
     */
    public static String describe(dev.frontier.spec.ModelSpec m) {
        if (m.user().isEmpty()) {
            return "model " + m.name();
        }
        if (m.user().get() instanceof UserModel.Jar jar) {
            return "model "
                    + m.name()
                    + " (class "
                    + jar.className()
                    + " in jar "
                    + jar.jar()
                    + ")";
        }
        return "model " + m.name() + " (made in this process)";
    }

    private static String show(int[] s) {
        return s[0] + "x" + s[1] + "x" + s[2];
    }
}
