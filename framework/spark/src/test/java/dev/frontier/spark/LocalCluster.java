package dev.frontier.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on this machine, for tests: a Master and {@code n} Worker JVMs
 * started from the Spark jars on the test class path, bound to 127.0.0.1 on ports the OS picks, 1
 * core and 1 GB each. Closing it (or the JVM ending: a shutdown hook) kills every process it
 * started, executors included.
 */
final class LocalCluster implements AutoCloseable {
    private static final Pattern MASTER_URL =
            Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:\\d+)");

    private final Path dir;
    private final String classPath;
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> workerLogs = new ArrayList<>();
    private final Thread hook;
    private String masterUrl;

    private LocalCluster(Path dir) {
        this.dir = dir;
        this.classPath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        this.hook = new Thread(this::killAll, "local-spark-cluster-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts a Master and {@code workers} Workers under {@code dir}; waits until all registered.
     */
    static LocalCluster start(Path dir, int workers) throws IOException, InterruptedException {
        LocalCluster c = new LocalCluster(dir);
        try {
            Files.createDirectories(dir.resolve("spark-home/jars"));
            Path masterLog = dir.resolve("master.log");
            c.launch(
                    masterLog,
                    "org.apache.spark.deploy.master.Master",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--webui-port",
                    "0");
            c.masterUrl = c.await(masterLog, MASTER_URL, Duration.ofMinutes(3));
            for (int w = 1; w <= workers; w++) {
                Path log = dir.resolve("worker-" + w + ".log");
                Path work = Files.createDirectories(dir.resolve("worker-" + w));
                c.workerLogs.add(log);
                c.launch(
                        log,
                        "org.apache.spark.deploy.worker.Worker",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        "0",
                        "--webui-port",
                        "0",
                        "--cores",
                        "1",
                        "--memory",
                        "1g",
                        "--work-dir",
                        work.toString(),
                        c.masterUrl);
            }
            for (Path log : c.workerLogs) {
                c.await(
                        log,
                        Pattern.compile("(Successfully registered with master)"),
                        Duration.ofMinutes(3));
            }
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The master's URL, {@code spark://127.0.0.1:<port>}. */
    String masterUrl() {
        return masterUrl;
    }

    /**
     * Spark settings a driver in this JVM needs for this cluster: loopback only, small executors
     * that find Frontier and Spark on the test class path.
     */
    Map<String, String> driverConf() {
        return Map.of(
                "spark.driver.host", "127.0.0.1",
                "spark.driver.bindAddress", "127.0.0.1",
                "spark.executor.memory", "768m",
                "spark.executor.cores", "1",
                "spark.executor.extraClassPath", classPath,
                "spark.executor.extraJavaOptions",
                        "-Dai.djl.offline=true -Dfrontier.log.dir="
                                + dir.resolve("logs")
                                + " -Djava.awt.headless=true");
    }

    /** The executor JVMs the workers have started (children of the worker processes). */
    List<ProcessHandle> executors() {
        List<ProcessHandle> out = new ArrayList<>();
        for (Process p : processes) {
            p.children().forEach(out::add);
        }
        return out;
    }

    /**
     * Waits until an executor logs that it runs the stage {@code key}, then kills that executor's
     * worker (with the executor: SIGKILL, the whole process tree) while the stage is in progress.
     * Returns the killed executor's id. Fails when the stage was committed before the kill (then
     * nothing would be tested).
     */
    String killWorkerRunning(String key, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (int w = 0; w < workerLogs.size(); w++) {
                Path work = dir.resolve("worker-" + (w + 1));
                for (Path log : executorLogs(work)) {
                    String text = Files.readString(log);
                    if (text.contains("frontier: running stage " + key)) {
                        Process worker = workers().get(w);
                        worker.descendants().forEach(ProcessHandle::destroyForcibly);
                        worker.destroyForcibly();
                        worker.waitFor(20, TimeUnit.SECONDS);
                        if (Files.readString(log).contains("stage " + key + " committed")) {
                            throw new AssertionError(
                                    "stage "
                                            + key
                                            + " was committed before the kill: nothing tested");
                        }
                        return log.getParent().getFileName().toString();
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(
                "no executor ran stage " + key + " within " + timeout.toSeconds() + " s");
    }

    /** The standard-error files of the executors a worker started ({@code <app>/<id>/stderr}). */
    private static List<Path> executorLogs(Path work) throws IOException {
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> s = Files.walk(work, 3)) {
            return s.filter(p -> p.getFileName().toString().equals("stderr")).toList();
        }
    }

    /** The class path the cluster's JVMs run with (the test's). */
    String classPath() {
        return classPath;
    }

    /** The worker processes, in start order. */
    List<Process> workers() {
        return processes.subList(1, processes.size());
    }

    private void launch(Path log, String mainClass, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xmx256m");
        // Frontier's simplelogger.properties keeps libraries at warn; the start-up lines are info
        cmd.add("-Dorg.slf4j.simpleLogger.log.org.apache.spark.deploy=info");
        cmd.addAll(
                List.of(
                        org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions()
                                .split(" ")));
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", dir.resolve("spark-home").toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
        env.remove("SPARK_CONF_DIR");
        synchronized (processes) {
            processes.add(pb.start());
        }
    }

    private String await(Path log, Pattern pattern, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                Matcher m = pattern.matcher(Files.readString(log));
                if (m.find()) {
                    return m.group(1);
                }
            }
            synchronized (processes) {
                for (Process p : processes) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException(
                                "a Spark process ended (exit " + p.exitValue() + "); see " + dir);
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                "no '" + pattern + "' in " + log + " after " + timeout.toSeconds() + " s");
    }

    private void killAll() {
        List<Process> all;
        synchronized (processes) {
            all = new ArrayList<>(processes);
        }
        for (Process p : all) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : all) {
            try {
                p.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs now
        }
    }
}
