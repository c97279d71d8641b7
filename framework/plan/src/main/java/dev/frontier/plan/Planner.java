package dev.frontier.plan;

import dev.frontier.data.Checksums;
import dev.frontier.data.UserDatasets;
import dev.frontier.spec.Axis;
import dev.frontier.spec.Backend;
import dev.frontier.spec.Combine;
import dev.frontier.spec.Dataset;
import dev.frontier.spec.ModelSpec;
import dev.frontier.spec.Param;
import dev.frontier.spec.Pass;
import dev.frontier.spec.PassType;
import dev.frontier.spec.Sweep;
import dev.frontier.spec.Teacher;
import dev.frontier.spec.Training;
import dev.frontier.spec.UserModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a validated {@link Sweep} into a {@link Plan}: trials in sweep order and the shared stage
 * tree.
 */
public final class Planner {

    private Planner() {}

    /** Plans with {@link CostModel#DEFAULT}. */
    public static Plan plan(Sweep sweep) {
        return plan(sweep, CostModel.DEFAULT);
    }

    /** Plans with the given cost model. */
    public static Plan plan(Sweep sweep, CostModel cost) {
        List<Axis> axes = sweep.axes();
        List<Map<String, Object>> combinations = combine(axes, sweep.combine());
        List<Trial> trials = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        InputFiles files = new InputFiles();
        StageTree tree = new StageTree(sweep, cost, files);
        String data =
                Hashing.canonical(
                        datasetParams(sweep.dataset())); // once: a user dataset's files are listed
        String model = Hashing.canonical(modelParams(sweep.model())); // once: a jar is read
        int excluded = 0;
        int merged = 0;
        for (Map<String, Object> combination : combinations) {
            if (sweep.exclude().stream().anyMatch(rule -> rule.matches(combination))) {
                excluded++;
                continue;
            }
            List<Pass> pipeline = resolve(sweep.pipeline(), axes, combination);
            Backend runtime =
                    sweep.runtime().isAxis()
                            ? (Backend) combination.get("runtime")
                            : sweep.runtime().value();
            String id =
                    Hashing.shortHash(
                            "trial|" + configuration(sweep, data, model, pipeline, runtime, files));
            if (!ids.add(id)) {
                merged++;
                continue;
            }
            List<Long> seeds = new ArrayList<>();
            List<String> leaves = new ArrayList<>();
            for (int r = 0; r < sweep.repeats(); r++) {
                seeds.add(Hashing.seed("trial", sweep.seed(), id, r));
                leaves.add(tree.addPath(id, r, pipeline, runtime, axes));
            }
            trials.add(new Trial(id, trials.size(), combination, pipeline, runtime, seeds, leaves));
        }
        return new Plan(
                sweep,
                trials,
                tree.stages(),
                excluded,
                merged,
                tree.naiveCount(),
                tree.naiveSeconds());
    }

    /** Axis value combinations in sweep order: grid (first axis outermost) or zip. */
    static List<Map<String, Object>> combine(List<Axis> axes, Combine combine) {
        return Axis.combinations(axes, combine);
    }

    private static List<Pass> resolve(
            List<Pass> pipeline, List<Axis> axes, Map<String, Object> combination) {
        List<Pass> out = new ArrayList<>();
        for (int i = 0; i < pipeline.size(); i++) {
            Map<String, Param<?>> fixed = new LinkedHashMap<>();
            for (Axis axis : axes) {
                if (axis.passIndex() == i) {
                    fixed.put(axis.param(), Param.of(combination.get(axis.name())));
                }
            }
            out.add(pipeline.get(i).with(fixed));
        }
        return out;
    }

    /** The effective configuration of a trial: what decides its result, seed aside. */
    private static String configuration(
            Sweep sweep,
            String data,
            String model,
            List<Pass> pipeline,
            Backend runtime,
            InputFiles files) {
        StringBuilder b = new StringBuilder();
        b.append("dataset=").append(data);
        b.append(";model=").append(model);
        b.append(";training=")
                .append(Hashing.canonical(trainingParams(sweep.training(), "training", files)));
        if (pipeline.stream().anyMatch(p -> p.type().role() == PassType.Role.STUDENT)) {
            // a trained teacher keeps its two-part form, so trial ids of earlier runs stay what
            // they were
            sweep.teacher()
                    .ifPresent(
                            t ->
                                    b.append(";teacher=")
                                            .append(
                                                    t.isOnnx()
                                                            ? Hashing.canonical(
                                                                    teacherParams(t, files))
                                                            : Hashing.canonical(
                                                                            modelParams(t.model()))
                                                                    + Hashing.canonical(
                                                                            trainingParams(
                                                                                    t.training(),
                                                                                    "teacher.training",
                                                                                    files))));
        }
        for (Pass pass : pipeline) {
            b.append(';')
                    .append(pass.name())
                    .append('=')
                    .append(Hashing.canonical(pass.identityParams()));
        }
        return b.append(";runtime=").append(runtime.yamlName()).toString();
    }

    /**
     * What of the dataset decides a result. A user's dataset adds its path, format, shaping and the
     * fingerprint of its files (count, size, listing digest), so edited data never reuses stages
     * trained on the old files.
     */
    static Map<String, Object> datasetParams(Dataset d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", d.name());
        m.put("limit", d.limit());
        m.put("splitSeed", d.splitSeed());
        m.put("validation", d.validation());
        d.user()
                .ifPresent(
                        u -> {
                            m.put("path", u.path().toString());
                            m.put("format", u.format().yamlName());
                            m.put("testPath", u.testPath().map(Path::toString).orElse(""));
                            m.put("test", u.test());
                            m.put("label", u.label());
                            m.put("channels", u.channels());
                            m.put("resize", List.of(u.rows(), u.cols()));
                            m.put("mean", u.mean().map(String::valueOf).orElse("train"));
                            m.put("std", u.std().map(String::valueOf).orElse("train"));
                            m.put("files", UserDatasets.fingerprint(u).toString());
                        });
        return m;
    }

    /**
     * A training's settings, plus the SHA-256 of its pretrained file when it has one ({@code where}
     * names it in errors).
     */
    static Map<String, Object> trainingParams(Training training, String where, InputFiles files) {
        Map<String, Object> m = new LinkedHashMap<>(training.settings());
        training.pretrained()
                .ifPresent(p -> m.put("pretrained_sha256", files.sha256(where + ".pretrained", p)));
        return m;
    }

    /** What of an ONNX teacher decides a distilled result: its file and that file's SHA-256. */
    static Map<String, Object> teacherParams(Teacher t, InputFiles files) {
        Map<String, Object> m = new LinkedHashMap<>();
        Path onnx = t.onnx().orElseThrow();
        m.put("teacher_onnx", onnx.toString());
        m.put("teacher_sha256", files.sha256("teacher.onnx", onnx));
        return m;
    }

    /**
     * The SHA-256 of a jar's bytes, {@code missing} when it cannot be read (the run then fails on
     * loading it).
     */
    static String jarDigest(Path jar) {
        try {
            return Checksums.sha256(jar);
        } catch (RuntimeException e) {
            return "missing";
        }
    }

    static Map<String, Object> modelParams(ModelSpec model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.name());
        m.put("width", model.width());
        // a zoo model's empty map keeps every trial id and stage key of sweeps written before user
        // models
        m.put("args", model.args());
        model.user()
                .ifPresent(
                        u -> {
                            if (u instanceof UserModel.Jar jar) {
                                m.put("class", jar.className());
                                m.put("jar", jar.jar().toString());
                                m.put(
                                        "jarSha256",
                                        jarDigest(jar.jar())); // a rebuilt jar never reuses the
                                // old jar's stages
                            } else if (u instanceof UserModel.InProcess p) {
                                m.put("inProcess", p.model().structure());
                            }
                        });
        return m;
    }
}
