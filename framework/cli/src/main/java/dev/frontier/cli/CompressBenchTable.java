package dev.frontier.cli;

import dev.frontier.analysis.TrialOutcome;
import dev.frontier.codec.format.EntropyFloor;
import dev.frontier.codec.format.ModelFileReader;
import dev.frontier.exec.run.SweepResult;
import dev.frontier.exec.store.TrialRecord;
import dev.frontier.plan.Trial;
import dev.frontier.spec.Distill;
import dev.frontier.spec.Finetune;
import dev.frontier.spec.GenericPass;
import dev.frontier.spec.ModelSpec;
import dev.frontier.spec.Pass;
import dev.frontier.spec.PassType;
import dev.frontier.spec.Prune;
import dev.frontier.spec.Quantize;
import dev.frontier.spec.Sweep;
import dev.frontier.spec.Training;
import dev.frontier.spec.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one table {@code frontier bench compress} prints, built from the measured results of its
 * sweeps: per baseline (shared by every sweep that trains the same one), the baseline and then its
 * trials by compression ratio, each with its technique (read from the trial's passes), test
 * accuracy with its 95% interval (or mean and spread over repeats), the change against the baseline
 * in points with McNemar's paired p-value, the bytes of its model file, the ratio against the
 * baseline's dense fp32 size, and notes (sparsity asked and measured, parameters, bits per weight,
 * ONNX Runtime kernel precision, per-seed figures).
 */
final class CompressBenchTable {
    /** One line of the table: every column preformatted except the bytes and the ratio. */
    record Row(
            String technique,
            String model,
            String accuracy,
            String delta,
            long fileBytes,
            double ratio,
            String note) {
        Row {
            Objects.requireNonNull(technique, "technique");
            Objects.requireNonNull(note, "note");
        }
    }

    /** A baseline and the trials measured against it. */
    private record Group(Row baseline, List<Row> trials) {}

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> details = new ArrayList<>();

    /**
     * Adds a finished sweep: its baseline (once per baseline stage, so sweeps sharing a run folder
     * and a baseline print it once) and every trial. Reads the model files of pruned and quantized
     * trials for their entropy floor (and, with {@code details}, their per-tensor size breakdown),
     * so call it before the run folder is deleted.
     */
    void add(SweepResult r, boolean withDetails) {
        Sweep sweep = r.sweep();
        TrialOutcome base = r.outcomes().get(0);
        String model = model(sweep.model());
        String baseKey = r.plan().roots().get(0).key();
        double dense = base.metric("dense_fp32_bytes").orElse(Double.NaN);
        Group group =
                groups.computeIfAbsent(
                        baseKey,
                        k ->
                                new Group(
                                        new Row(
                                                baselineLabel(sweep),
                                                model,
                                                accuracy(base, sweep.repeats()),
                                                "baseline",
                                                (long) base.metric("size_bytes").orElse(0),
                                                dense
                                                        / base.metric("size_bytes")
                                                                .orElse(Double.NaN),
                                                baselineNote(r, base)),
                                        new ArrayList<>()));
        Map<String, Trial> trials = new LinkedHashMap<>();
        r.plan().trials().forEach(t -> trials.put(t.id(), t));
        for (TrialOutcome o : r.outcomes().subList(1, r.outcomes().size())) {
            String technique = describe(trials.get(o.trialId()), sweep);
            if (!o.isOk()) {
                group.trials()
                        .add(
                                new Row(
                                        technique,
                                        model,
                                        "-",
                                        "-",
                                        0,
                                        Double.NaN,
                                        "FAILED: " + o.failureReason()));
                continue;
            }
            List<String> notes = new ArrayList<>(notes(r, base, o));
            Trial trial = trials.get(o.trialId());
            if (integerWeights(trial)) {
                entropyFloor(r, o, dense, withDetails, technique).ifPresent(notes::add);
            }
            double size = o.metric("size_bytes").orElse(Double.NaN);
            group.trials()
                    .add(
                            new Row(
                                    technique,
                                    model,
                                    accuracy(o, sweep.repeats()),
                                    delta(o, sweep.repeats()),
                                    (long) size,
                                    dense / size,
                                    String.join("; ", notes)));
        }
        r.warnings().forEach(w -> warnings.add(sweep.name() + ": " + w));
    }

    /** The table, then its legend, warnings and (if asked for) the per-tensor breakdowns. */
    String render() {
        List<Row> rows = new ArrayList<>();
        for (Group g : groups.values()) {
            rows.add(g.baseline());
            g.trials().stream()
                    .sorted(
                            Comparator.comparingDouble(
                                    r -> Double.isNaN(r.ratio()) ? Double.MAX_VALUE : r.ratio()))
                    .forEach(rows::add);
        }
        int tw =
                Math.max(
                        "technique".length(),
                        rows.stream().mapToInt(r -> r.technique().length()).max().orElse(0));
        int mw =
                Math.max(
                        "model".length(),
                        rows.stream().mapToInt(r -> r.model().length()).max().orElse(0));
        int aw =
                Math.max(
                        "accuracy [95% CI]".length(),
                        rows.stream().mapToInt(r -> r.accuracy().length()).max().orElse(0));
        int dw =
                Math.max(
                        "Δ pts (McNemar p)".length(),
                        rows.stream().mapToInt(r -> r.delta().length()).max().orElse(0));
        String format =
                "%-" + tw + "s  %-" + mw + "s  %-" + aw + "s  %-" + dw + "s  %9s  %7s  %s%n";
        StringBuilder sb = new StringBuilder();
        String header =
                String.format(
                        Locale.ROOT,
                        format,
                        "technique",
                        "model",
                        "accuracy [95% CI]",
                        "Δ pts (McNemar p)",
                        "file B",
                        "ratio",
                        "notes");
        sb.append(header).append("-".repeat(header.length() + 20)).append('\n');
        for (Row r : rows) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            format,
                            r.technique(),
                            r.model(),
                            r.accuracy(),
                            r.delta(),
                            r.fileBytes() > 0 ? Long.toString(r.fileBytes()) : "-",
                            Double.isFinite(r.ratio())
                                    ? String.format(Locale.ROOT, "%.1fx", r.ratio())
                                    : "-",
                            r.note()));
        }
        sb.append(
                "Δ = accuracy - its baseline's (the row above it with Δ 'baseline'), in points: negative is worse. "
                        + "ratio = the baseline's dense fp32 bytes (4 per parameter) / this file's bytes. Files as `frontier run` "
                        + "writes them: Frontier format, sparse positions where pruned, zstd-coded or, per tensor where smaller, "
                        + "context-coded (range coder). Order-0 floor = the entropy of each tensor's positions and codes as "
                        + "independent symbols plus scales and fp32 tensors as stored; x floor < 1 means the context coder beat it.\n");
        warnings.forEach(w -> sb.append("warning: ").append(w).append('\n'));
        details.forEach(sb::append);
        return sb.toString();
    }

    /** Rows so far, baseline first within each group, for tests. */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        groups.values()
                .forEach(
                        g -> {
                            rows.add(g.baseline());
                            rows.addAll(g.trials());
                        });
        return rows;
    }

    static String model(ModelSpec m) {
        return m.name() + (m.width() == 1.0 ? "" : " x" + Values.show(m.width()));
    }

    private static String baselineLabel(Sweep s) {
        Training t = s.training();
        return String.format(
                Locale.ROOT,
                "fp32 baseline (%d ep, %s lr %s%s)",
                t.epochs(),
                t.optimizer().yamlName(),
                Values.show(t.lr()),
                t.schedule() == Training.LrSchedule.NONE ? "" : ", " + t.schedule().yamlName());
    }

    /**
     * What a trial's passes do, in words: "90% global gradual pruning + FT 8 ep (lr 0.002) + 4-bit
     * per-channel QAT ...".
     */
    static String describe(Trial trial, Sweep sweep) {
        List<String> parts = new ArrayList<>();
        for (Pass pass : trial.pipeline()) {
            if (pass instanceof Distill d) {
                String teacher =
                        sweep.teacher()
                                .map(
                                        t ->
                                                t.isOnnx()
                                                        ? t.describe()
                                                        : model(t.model())
                                                                + " "
                                                                + t.training().epochs()
                                                                + " ep")
                                .orElse("?");
                parts.add(
                        String.format(
                                Locale.ROOT,
                                "distilled from %s (T=%s, alpha=%s, %d ep%s)",
                                teacher,
                                Values.show(d.temperature().value()),
                                Values.show(d.alpha().value()),
                                d.epochs().value(),
                                d.init().value() == Distill.Init.BASELINE
                                        ? ", from the baseline"
                                        : ""));
            } else if (pass instanceof Prune p) {
                parts.add(prune(p));
            } else if (pass instanceof Quantize q) {
                quantize(q).ifPresent(parts::add);
            } else if (pass instanceof Finetune f) {
                parts.add(
                        String.format(
                                Locale.ROOT,
                                "fine-tune %d ep (lr %s)",
                                f.epochs().value(),
                                Values.show(f.lr().value())));
            } else if (pass instanceof GenericPass g) {
                // a registry pass (lowrank, mixed-precision, share, a jar's): its name and values
                List<String> values = new ArrayList<>();
                g.effectiveParams().forEach((k, v) -> values.add(k + "=" + Values.show(v)));
                parts.add(g.type().name() + " (" + String.join(", ", values) + ")");
            }
        }
        return parts.isEmpty() ? "fp32, unchanged" : String.join(" + ", parts);
    }

    private static String prune(Prune p) {
        String ratio = Values.show(100 * p.ratio().value()).replaceAll("\\.0$", "") + "%";
        String what =
                p.method().value() == Prune.Method.STRUCTURED
                        ? "structured "
                                + ratio
                                + " filters ("
                                + p.norm().value().yamlName().toUpperCase(Locale.ROOT)
                                + ")"
                        : ratio
                                + " "
                                + p.scope().value().yamlName()
                                + " "
                                + p.schedule().value().yamlName()
                                + " pruning";
        int epochs = p.finetuneEpochs().value();
        if (epochs == 0) {
            return what;
        }
        return what
                + " + FT "
                + epochs
                + " ep"
                + (p.finetuneLr().value() > 0
                        ? " (lr " + Values.show(p.finetuneLr().value()) + ")"
                        : "");
    }

    private static Optional<String> quantize(Quantize q) {
        int bits = q.bits().value();
        if (bits == Quantize.REFERENCE_BITS && q.overrides().isEmpty()) {
            return Optional.empty();
        }
        StringBuilder sb =
                new StringBuilder(bits + "-bit " + q.granularity().value().yamlName() + " ");
        if (q.mode().value() == Quantize.Mode.QAT) {
            sb.append("QAT ").append(q.qatEpochs().value()).append(" ep");
            if (q.qatLr().value() > 0) {
                sb.append(" (lr ").append(Values.show(q.qatLr().value())).append(')');
            }
        } else {
            sb.append("PTQ");
        }
        sb.append(", W").append(bits);
        if (q.weightRange().value() == Quantize.WeightRange.MSE && bits <= 8) {
            sb.append(" MSE-fit");
        }
        if (q.activations().value() && bits <= 8) {
            sb.append(" + A8 (").append(q.calibration().value().yamlName()).append(')');
        }
        if (!q.overrides().isEmpty()) {
            sb.append(", overrides ").append(q.overrides());
        }
        return Optional.of(sb.toString());
    }

    private static String accuracy(TrialOutcome o, int repeats) {
        double acc = 100 * o.metric("accuracy").orElse(Double.NaN);
        if (repeats > 1) {
            return String.format(
                    Locale.ROOT,
                    "%.2f%% ± %.2f (n=%d)",
                    acc,
                    100 * o.metric("accuracy_std").orElse(0),
                    repeats);
        }
        return String.format(
                Locale.ROOT,
                "%.2f%% [%.2f, %.2f]",
                acc,
                100 * o.metric("accuracy_ci_low").orElse(Double.NaN),
                100 * o.metric("accuracy_ci_high").orElse(Double.NaN));
    }

    private static String delta(TrialOutcome o, int repeats) {
        double d = 0.0 - o.metric("accuracy_drop").orElse(Double.NaN); // 0.0 - 0.0 is 0.0, not -0.0
        if (repeats > 1) {
            return String.format(Locale.ROOT, "%+.2f (mean of %d)", d, repeats);
        }
        return String.format(
                Locale.ROOT, "%+.2f (%s)", d, p(o.metric("mcnemar_p").orElse(Double.NaN)));
    }

    private static String p(double p) {
        return p < 0.001 ? "p<0.001" : String.format(Locale.ROOT, "p=%.3f", p);
    }

    private static String baselineNote(SweepResult r, TrialOutcome base) {
        List<String> notes = new ArrayList<>();
        notes.add(
                String.format(
                        Locale.ROOT, "%.0f params", base.metric("params").orElse(Double.NaN)));
        r.sweep()
                .teacher()
                .ifPresent(
                        t ->
                                notes.add(
                                        t.isOnnx()
                                                ? "teacher " + t.describe()
                                                : "teacher "
                                                        + model(t.model())
                                                        + ", "
                                                        + t.training().epochs()
                                                        + " ep, one per repeat"));
        if (r.sweep().repeats() > 1) {
            notes.add("seeds " + percentages(r.baselineRecords(), "accuracy"));
        }
        return String.join("; ", notes);
    }

    private static List<String> notes(SweepResult r, TrialOutcome base, TrialOutcome o) {
        List<String> notes = new ArrayList<>();
        Map<String, Double> m = o.metrics();
        if (m.containsKey(
                "sparsity_target")) { // pruned: the zeros quantization rounds to are not worth a
            // note
            notes.add(
                    String.format(
                            Locale.ROOT,
                            "sparsity %.1f%% (asked %.1f%%)",
                            100 * m.getOrDefault("sparsity", Double.NaN),
                            100 * m.get("sparsity_target")));
        }
        double params = m.getOrDefault("params", Double.NaN);
        double baseParams = base.metric("params").orElse(Double.NaN);
        if (params != baseParams) {
            notes.add(String.format(Locale.ROOT, "params %.0f -> %.0f", baseParams, params));
        }
        notes.add(
                String.format(
                        Locale.ROOT, "%.2f bits/w", m.getOrDefault("bits_per_weight", Double.NaN)));
        String kernel = o.params().get("kernel_precision");
        if (kernel != null) {
            notes.add("kernel " + kernel);
        }
        if (r.sweep().repeats() > 1) {
            List<TrialRecord> recs = records(r, o.trialId());
            notes.add(
                    "seeds "
                            + percentages(recs, "accuracy")
                            + ", McNemar p "
                            + recs.stream()
                                    .map(
                                            rec ->
                                                    String.format(
                                                            Locale.ROOT,
                                                            "%.3f",
                                                            rec.metrics()
                                                                    .getOrDefault(
                                                                            "mcnemar_p",
                                                                            Double.NaN)))
                                    .toList()
                                    .toString()
                                    .replace(" ", ""));
        }
        return notes;
    }

    /**
     * For a trial with integer weights: its file against the order-0 entropy of what the file must
     * say (see {@link EntropyFloor}), the bound for coders with one frequency table per tensor; the
     * context coder can go below it where masks and codes have structure.
     */
    private Optional<String> entropyFloor(
            SweepResult r, TrialOutcome o, double dense, boolean withDetails, String technique) {
        Optional<Path> file =
                records(r, o.trialId()).stream()
                        .findFirst()
                        .map(rec -> rec.facts().get("model_file"))
                        .filter(f -> f != null && Files.isRegularFile(Path.of(f)))
                        .map(Path::of);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            long floor = EntropyFloor.bytes(ModelFileReader.read(file.get()));
            long bytes = Files.size(file.get());
            if (withDetails) {
                details.add(
                        "\n"
                                + technique
                                + " ("
                                + r.sweep().name()
                                + "), "
                                + file.get().getFileName()
                                + ":\n"
                                + ModelFileReader.inspect(file.get()).toTable());
            }
            return Optional.of(
                    String.format(
                            Locale.ROOT,
                            "file %d B = %.3fx its order-0 entropy floor %d B (%+d B; floor ratio"
                                    + " %.1fx)",
                            bytes,
                            (double) bytes / floor,
                            floor,
                            bytes - floor,
                            dense / floor));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the trial quantizes some weights to integers (8 bits or fewer) or encodes them with a
     * registry pass (integer codes or shared indices).
     */
    private static boolean integerWeights(Trial trial) {
        return trial.pipeline().stream()
                .anyMatch(
                        p ->
                                p instanceof Quantize q
                                                && (q.bits().value() <= 8
                                                        || q.overrides().values().stream()
                                                                .anyMatch(b -> b <= 8))
                                        // mixed-precision and share: integer codes or shared
                                        // indices
                                        || p instanceof GenericPass g
                                                && g.type().role() == PassType.Role.ENCODE);
    }

    private static List<TrialRecord> records(SweepResult r, String trialId) {
        return r.trialRecords().stream()
                .filter(rec -> rec.trialId().equals(trialId))
                .sorted(Comparator.comparingInt(TrialRecord::repeat))
                .toList();
    }

    private static String percentages(List<TrialRecord> records, String metric) {
        return records.stream()
                .map(
                        rec ->
                                String.format(
                                        Locale.ROOT,
                                        "%.2f",
                                        100 * rec.metrics().getOrDefault(metric, Double.NaN)))
                .toList()
                .toString()
                .replace(" ", "");
    }
}
