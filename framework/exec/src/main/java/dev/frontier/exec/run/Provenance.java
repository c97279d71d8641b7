package dev.frontier.exec.run;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where a result came from: spec hash, git commit, Frontier version, JVM, OS, architecture, DJL
 * engine and version, device, the host that measured. Trial id and seed are added per trial.
 */
public record Provenance(Map<String, String> values) {
    public Provenance {
        values = Map.copyOf(values);
    }

    /**
     * Collects the provenance of this process for a sweep with {@code specHash}, run on {@code
     * device}.
     */
    public static Provenance collect(String specHash, String device, Path repoRoot) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spec_hash", specHash);
        m.put("git_commit", gitCommit(repoRoot));
        String v = Provenance.class.getPackage().getImplementationVersion();
        m.put("frontier_version", v == null ? "0.1.0-SNAPSHOT" : v);
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("arch", System.getProperty("os.arch"));
        Engine e = Engine.getEngine(dev.frontier.engine.EngineSetup.ENGINE);
        m.put("engine", e.getEngineName() + " " + e.getVersion());
        m.put("djl_version", Engine.getDjlVersion());
        m.put("device", device);
        // trials are measured in this process: on a cluster, this is the machine their latency
        // is from
        m.put("measured_on", host());
        return new Provenance(m);
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown" : env;
        }
    }

    private static String gitCommit(Path repoRoot) {
        try {
            Process p =
                    new ProcessBuilder("git", "-C", repoRoot.toString(), "rev-parse", "HEAD")
                            .redirectErrorStream(true)
                            .start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor(10, TimeUnit.SECONDS)
                    && p.exitValue() == 0
                    && out.matches("[0-9a-f]{40}")) {
                return out;
            }
        } catch (java.io.IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
