package dev.frontier.spark;

import dev.frontier.exec.cluster.ExecutorSettings;
import dev.frontier.exec.run.SweepResult;
import dev.frontier.exec.run.SweepRunner;
import dev.frontier.onnx.bench.BenchSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sweep's driver in a process of its own, for the test that kills it: {@code SparkDriverMain
 * <runDir> <masterUrl> <mlruns> key=value...} runs {@link SparkClusterSweepTest#sweep()} on the
 * cluster.
 */
public final class SparkDriverMain {
    private SparkDriverMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> conf = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            conf.put(kv[0], kv[1]);
        }
        SweepResult r =
                new SweepRunner(
                                System.out,
                                false,
                                BenchSettings.quick(),
                                Map.of("MLFLOW_TRACKING_URI", "file:" + args[2]))
                        .withExecutor(
                                new SparkStageExecutor(
                                        ExecutorSettings.spark(args[1], conf), 1, System.out))
                        .run(SparkClusterSweepTest.sweep(), Path.of(args[0]));
        System.out.println("driver done: " + r.failedTrials() + " failed");
    }
}
