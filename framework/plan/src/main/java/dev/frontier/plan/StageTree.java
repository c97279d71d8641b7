package dev.frontier.plan;

import dev.frontier.spec.Axis;
import dev.frontier.spec.Backend;
import dev.frontier.spec.Pass;
import dev.frontier.spec.PassType;
import dev.frontier.spec.Quantize;
import dev.frontier.spec.Sweep;
import dev.frontier.spec.Teacher;
import dev.frontier.spec.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds the stage tree while the planner walks trials: each path is added stage by stage, shared
 * stages once.
 */
final class StageTree {

    private final Sweep sweep;
    private final CostModel cost;
    private final Map<String, Stage> stages = new LinkedHashMap<>();
    private final Map<String, List<String>> trialsByStage = new LinkedHashMap<>();
    private int naiveCount;
    private double naiveSeconds;

    /** The dataset's stage-key parameters, computed once (a user dataset's files are listed). */
    private final Map<String, Object> dataParams;

    /** The model's stage-key parameters, computed once (a jar is read). */
    private final Map<String, Object> modelParams;

    private final InputFiles files;

    StageTree(Sweep sweep, CostModel cost, InputFiles files) {
        this.sweep = sweep;
        this.cost = cost;
        this.files = files;
        this.dataParams = Planner.datasetParams(sweep.dataset());
        this.modelParams = Planner.modelParams(sweep.model());
    }

    /** Adds a trial's path for one repeat and returns its leaf (MEASURE) key. */
    String addPath(
            String trialId, int repeat, List<Pass> pipeline, Backend runtime, List<Axis> axes) {
        Map<String, Object> base = new LinkedHashMap<>(dataParams);
        base.putAll(modelParams);
        base.putAll(Planner.trainingParams(sweep.training(), "training", files));
        base.put("seed", sweep.seed());
        base.put("repeat", repeat);
        String key =
                add(
                        trialId,
                        repeat,
                        StageKind.TRAIN_BASELINE,
                        null,
                        -1,
                        base,
                        trainSeconds(sweep.model(), sweep.training()),
                        sweep.model().name()
                                + " on "
                                + sweep.dataset().name()
                                + " ("
                                + sweep.dataset().trainExamples()
                                + " examples), "
                                + how(sweep.training())
                                + (sweep.repeats() > 1 ? ", repeat " + repeat : ""));
        for (int i = 0; i < pipeline.size(); i++) {
            Pass pass = pipeline.get(i);
            Map<String, Object> params = pass.identityParams();
            if (pass.type().role() == PassType.Role.STUDENT && sweep.teacher().isPresent()) {
                Teacher t = sweep.teacher().get();
                if (t.isOnnx()) {
                    // no teacher stage: the distill stage runs the file, whose checksum is part of
                    // its key
                    params = new LinkedHashMap<>(params);
                    params.putAll(Planner.teacherParams(t, files));
                } else {
                    Map<String, Object> teacher =
                            new LinkedHashMap<>(Planner.modelParams(t.model()));
                    teacher.putAll(Planner.trainingParams(t.training(), "teacher.training", files));
                    key =
                            add(
                                    trialId,
                                    repeat,
                                    StageKind.TRAIN_TEACHER,
                                    key,
                                    -1,
                                    teacher,
                                    trainSeconds(t.model(), t.training()),
                                    t.model().name()
                                            + (t.model().width() == 1.0
                                                    ? ""
                                                    : " x" + Values.show(t.model().width()))
                                            + ", "
                                            + t.training()
                                                    .pretrained()
                                                    .map(p -> "pretrained from " + p.getFileName())
                                                    .orElseGet(
                                                            () ->
                                                                    t.training().epochs()
                                                                            + " epochs"));
                }
            }
            key =
                    add(
                            trialId,
                            repeat,
                            kind(pass),
                            key,
                            i,
                            params,
                            seconds(pass),
                            label(pass, i, axes));
        }
        Map<String, Object> measure = new LinkedHashMap<>();
        measure.put("runtime", runtime);
        return add(
                trialId,
                repeat,
                StageKind.MEASURE,
                key,
                -1,
                measure,
                cost.measure(sweep.model(), sweep.dataset()),
                "on " + runtime.yamlName() + " -> trial " + trialId);
    }

    private String add(
            String trialId,
            int repeat,
            StageKind kind,
            String parent,
            int passIndex,
            Map<String, Object> params,
            double seconds,
            String label) {
        String key =
                Hashing.shortHash(
                        kind
                                + "|"
                                + Hashing.canonical(params)
                                + "|"
                                + (parent == null ? "" : parent));
        naiveCount++;
        naiveSeconds += seconds;
        trialsByStage.computeIfAbsent(key, k -> new ArrayList<>()).add(trialId);
        stages.computeIfAbsent(
                key,
                k ->
                        new Stage(
                                kind,
                                key,
                                Optional.ofNullable(parent),
                                repeat,
                                passIndex,
                                params,
                                Hashing.seed("stage", sweep.seed(), key),
                                seconds,
                                label,
                                List.of()));
        return key;
    }

    /** Training time of a model, or none when its weights are loaded from a pretrained file. */
    private double trainSeconds(
            dev.frontier.spec.ModelSpec model, dev.frontier.spec.Training training) {
        return training.pretrained().isPresent()
                ? 0
                : training.epochs() * cost.epoch(model, sweep.dataset());
    }

    private static String how(dev.frontier.spec.Training training) {
        return training.pretrained()
                .map(p -> "pretrained from " + p.getFileName())
                .orElseGet(
                        () ->
                                training.optimizer().yamlName()
                                        + " lr="
                                        + Values.show(training.lr())
                                        + ", "
                                        + training.epochs()
                                        + " epochs");
    }

    private static StageKind kind(Pass pass) {
        return StageKind.pass(pass.name());
    }

    /**
     * A rough cost: the pass's training epochs (a student's with the teacher's forward passes; an
     * encoding pass's at 1.3x for fake quantization), plus calibration for quantized activations.
     */
    private double seconds(Pass pass) {
        double epoch = cost.epoch(sweep.model(), sweep.dataset());
        if (pass.type().role() == PassType.Role.STUDENT) {
            // an ONNX teacher's size is unknown to the planner: estimated as one forward of the
            // student's model
            double teacherForward =
                    sweep.teacher()
                            .map(
                                    t ->
                                            cost.forward(
                                                    t.isOnnx() ? sweep.model() : t.model(),
                                                    sweep.dataset().trainExamples()))
                            .orElse(0.0);
            return pass.trainingEpochs() * (epoch + teacherForward);
        }
        double calibration =
                pass instanceof Quantize q
                                && q.activations().value()
                                && q.bits().value() != Quantize.REFERENCE_BITS
                        ? cost.forward(sweep.model(), q.calibrationSamples().value())
                        : 0;
        double factor = pass.type().role() == PassType.Role.ENCODE ? 1.3 : 1.0;
        return calibration + pass.trainingEpochs() * epoch * factor;
    }

    /**
     * The swept parameters of a pass (what tells siblings apart), or all of them when nothing is
     * swept.
     */
    private static String label(Pass pass, int index, List<Axis> axes) {
        List<String> swept =
                axes.stream().filter(a -> a.passIndex() == index).map(Axis::param).toList();
        Map<String, Object> params = pass.effectiveParams();
        return params.entrySet().stream()
                .filter(e -> swept.isEmpty() || swept.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + Values.show(e.getValue()))
                .collect(Collectors.joining(" "));
    }

    List<Stage> stages() {
        List<Stage> out = new ArrayList<>();
        for (Stage s : stages.values()) {
            out.add(
                    new Stage(
                            s.kind(),
                            s.key(),
                            s.parentKey(),
                            s.repeat(),
                            s.passIndex(),
                            s.params(),
                            s.seed(),
                            s.estimatedSeconds(),
                            s.label(),
                            trialsByStage.get(s.key()).stream().distinct().toList()));
        }
        return out;
    }

    int naiveCount() {
        return naiveCount;
    }

    double naiveSeconds() {
        return naiveSeconds;
    }
}
