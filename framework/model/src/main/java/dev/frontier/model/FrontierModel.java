package dev.frontier.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.frontier.engine.EngineSetup;

/**
 * A zoo model with its spec: a DJL {@link Model} whose native memory is released on {@link
 * #close()}. One instance per unit of work (a training stage, an evaluation); nothing escapes it.
 */
public final class FrontierModel implements AutoCloseable {
    private final ModelSpec spec;
    private final Model model;

    private FrontierModel(ModelSpec spec, Model model) {
        this.spec = spec;
        this.model = model;
    }

    /** A freshly initialized model; the initial weights are a pure function of {@code seed}. */
    public static FrontierModel create(ModelSpec spec, Device device, long seed) {
        return create(spec, device, seed, ModelZoo.build(spec));
    }

    /**
     * A freshly initialized model of the spec's architecture with a block from {@code inputStage}
     * in front of every conv/linear layer (see {@link ModelZoo#build(ModelSpec,
     * java.util.function.Function)}).
     */
    public static FrontierModel create(
            ModelSpec spec,
            Device device,
            long seed,
            java.util.function.Function<String, Block> inputStage) {
        return create(spec, device, seed, ModelZoo.build(spec, inputStage));
    }

    private static FrontierModel create(ModelSpec spec, Device device, long seed, Block block) {
        Engine.getEngine(EngineSetup.ENGINE).setRandomSeed((int) (seed ^ (seed >>> 32)));
        Model m = Model.newInstance(spec.name(), device, EngineSetup.ENGINE);
        m.setBlock(block);
        block.initialize(m.getNDManager(), DataType.FLOAT32, ModelZoo.inputShape(spec));
        return new FrontierModel(spec, m);
    }

    /** Wraps a model whose block is already set and initialized (used by checkpoint loading). */
    static FrontierModel wrap(ModelSpec spec, Model model) {
        return new FrontierModel(spec, model);
    }

    public ModelSpec spec() {
        return spec;
    }

    public Model djlModel() {
        return model;
    }

    public Block block() {
        return model.getBlock();
    }

    public Device device() {
        return model.getNDManager().getDevice();
    }

    /**
     * Total number of parameters (trainable weights, biases and BatchNorm scale/shift; not running
     * statistics).
     */
    public long parameterCount() {
        long n = 0;
        for (Pair<String, Parameter> p : block().getParameters()) {
            if (p.getValue().requiresGradient()) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }

    @Override
    public void close() {
        model.close();
    }
}
