package dev.frontier.engine;

import ai.djl.engine.Engine;

/**
 * Starts DJL's PyTorch engine the way Frontier needs it: offline (never downloads natives; they
 * come from the Maven jars), with the requested intra-op thread count. The properties must be set
 * before the engine first loads, so call this once, at the start of a process.
 */
public final class EngineSetup {
    /** The engine Frontier trains with. */
    public static final String ENGINE = "PyTorch";

    private EngineSetup() {}

    /**
     * Sets offline mode and thread counts (0 = leave PyTorch's default), points engine logs at the
     * process's log file ({@link ProcessLog}) and returns the engine. Offline mode can be turned
     * off with {@code -Dai.djl.offline=false} for DJL's own native download (the GPU route, see
     * README).
     */
    public static Engine start(int threads) {
        ProcessLog.configure();
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        return Engine.getEngine(ENGINE);
    }
}
