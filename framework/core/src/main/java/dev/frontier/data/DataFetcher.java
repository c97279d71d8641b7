package dev.frontier.data;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Gets a dataset that is nowhere on disk: downloads it from the descriptor's official URLs into
 * {@code <repo>/datasets/<name>/} with checksum verification, or, where those hosts cannot be
 * reached and this process runs as root, installs the Debian package that ships it.
 */
public final class DataFetcher {
    private final Consumer<String> log;
    private final Path repoRoot;

    /** A fetcher writing progress lines to {@code log}. */
    public DataFetcher(Consumer<String> log, Path repoRoot) {
        this.log = log;
        this.repoRoot = repoRoot;
    }

    /**
     * Fetches the dataset; returns a list of what was tried and why it failed when nothing worked
     * (empty on success).
     */
    public List<String> fetch(DatasetDescriptor d) {
        List<String> failures = new ArrayList<>();
        Path target = repoRoot.resolve("datasets").resolve(d.name());
        for (String base : d.baseUrls()) {
            try {
                download(d, base, target);
                return List.of();
            } catch (DataException | IOException e) {
                failures.add("download from " + base + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add("download from " + base + ": interrupted");
                return failures;
            }
        }
        if (d.debianPackage().isPresent()) {
            String pkg = d.debianPackage().get();
            if (!"root".equals(System.getProperty("user.name"))) {
                failures.add("Debian package " + pkg + ": not root, cannot run apt-get");
            } else if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
                failures.add("Debian package " + pkg + ": apt-get not found");
            } else {
                String err = aptInstall(pkg);
                if (err == null) {
                    return List.of();
                }
                failures.add("Debian package " + pkg + ": " + err);
            }
        }
        return failures;
    }

    private void download(DatasetDescriptor d, String base, Path target)
            throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
        Files.createDirectories(target);
        List<Path> done = new ArrayList<>();
        for (DatasetDescriptor.Role role : DatasetDescriptor.Role.values()) {
            DatasetDescriptor.FileEntry entry = d.file(role);
            String name = entry.file() + ".gz";
            URI uri = URI.create(base.endsWith("/") ? base + name : base + "/" + name);
            log.accept("fetching " + d.name() + " " + name + " from " + uri);
            Path tmp = Files.createTempFile(target, name, ".part");
            try {
                HttpResponse<Path> r =
                        http.send(
                                HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).build(),
                                HttpResponse.BodyHandlers.ofFile(tmp));
                if (r.statusCode() != 200) {
                    throw new DataException("HTTP " + r.statusCode() + " for " + uri);
                }
                Checksums.verify(
                        d,
                        role,
                        tmp,
                        IdxReader.readBytes(tmp)); // the download itself, before it is published
                Path dest = target.resolve(name);
                Files.move(
                        tmp,
                        dest,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                done.add(dest);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        log.accept("fetched " + d.name() + " into " + target);
    }

    private String aptInstall(String pkg) {
        log.accept("fetching " + pkg + " with apt-get (official hosts unreachable)");
        for (List<String> cmd :
                List.of(
                        List.of("apt-get", "install", "-y", "-q", pkg),
                        List.of("sh", "-c", "apt-get update -q && apt-get install -y -q " + pkg))) {
            try {
                Process p =
                        new ProcessBuilder(cmd)
                                .redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                .start();
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    return "apt-get timed out";
                }
                if (p.exitValue() == 0) {
                    log.accept("installed Debian package " + pkg);
                    return null;
                }
            } catch (IOException e) {
                return e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return "apt-get install " + pkg + " failed";
    }
}
