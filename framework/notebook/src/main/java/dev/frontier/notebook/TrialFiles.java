package dev.frontier.notebook;

import dev.frontier.exec.run.SweepResult;
import dev.frontier.exec.store.TrialRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Where a trial's artifacts are: its compressed model file (the Frontier format whose size is the
 * trial's {@code size_bytes}) and its ONNX model (what the latency was measured on).
 *
 * @param trialId the trial
 * @param name the trial's readable name
 * @param modelFile the compressed model file, if the trial wrote one
 * @param onnxFile the ONNX model, if the trial was measured on ONNX Runtime
 */
public record TrialFiles(
        String trialId, String name, Optional<Path> modelFile, Optional<Path> onnxFile) {

    /**
     * Returns the files of the first repeat of a trial.
     *
     * @param result the sweep execution
     * @param trialId the trial's id (a {@code trial_id} of the frontier table, or {@code baseline})
     * @return the files
     * @throws NoSuchElementException if the sweep has no such trial, naming the ids it has
     */
    public static TrialFiles of(SweepResult result, String trialId) {
        TrialRecord rec =
                java.util.stream.Stream.concat(
                                result.baselineRecords().stream(), result.trialRecords().stream())
                        .filter(r -> r.trialId().equals(trialId))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new NoSuchElementException(
                                                "no trial '"
                                                        + trialId
                                                        + "' in sweep "
                                                        + result.sweep().name()
                                                        + "; trials: "
                                                        + result.outcomes().stream()
                                                                .map(o -> o.trialId())
                                                                .toList()));
        return new TrialFiles(
                rec.trialId(), rec.name(), path(rec, "model_file"), path(rec, "onnx_file"));
    }

    private static Optional<Path> path(TrialRecord rec, String fact) {
        return Optional.ofNullable(rec.facts().get(fact)).filter(s -> !s.isBlank()).map(Path::of);
    }

    /**
     * Returns a markdown list of the files with their sizes on disk.
     *
     * @return the bundle
     */
    public MimeBundle describe() {
        var md =
                new StringBuilder("#### Trial `")
                        .append(name)
                        .append("` (")
                        .append(trialId)
                        .append(")\n\n");
        md.append("- compressed model: ").append(line(modelFile)).append('\n');
        md.append("- ONNX model: ").append(line(onnxFile)).append('\n');
        return Markdown.of(md.toString());
    }

    private static String line(Optional<Path> file) {
        if (file.isEmpty()) {
            return "none";
        }
        Path p = file.get();
        try {
            return "`"
                    + p
                    + "`"
                    + (Files.isRegularFile(p)
                            ? String.format(" (%,d bytes)", Files.size(p))
                            : " (missing)");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the size of " + p, e);
        }
    }
}
