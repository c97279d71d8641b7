package dev.frontier.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a sweep as canonical YAML: every setting explicit, keys in a fixed order, axes in their
 * declared form. The one exception are pass parameters fixed at their {@link
 * Pass#implicitDefaults()} (e.g. quantize's {@code weightRange: minmax}), left out so the canonical
 * text, and the spec hash over it, of a sweep written before such a parameter existed does not
 * change. {@code SpecReader.read(SpecWriter.write(s), f).equals(s)} for every sweep.
 */
public final class SpecWriter {

    private SpecWriter() {}

    /** The canonical YAML of {@code sweep}. */
    public static String write(Sweep sweep) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", sweep.name());
        doc.put("dataset", dataset(sweep.dataset()));
        doc.put("model", model(sweep.model()));
        doc.put("seed", sweep.seed());
        doc.put("device", sweep.device().toString());
        doc.put("threads", countOrAuto(sweep.threads()));
        doc.put("training", sweep.training().settings());
        sweep.teacher()
                .ifPresent(
                        t -> {
                            Map<String, Object> teacher = new LinkedHashMap<>();
                            if (t.isOnnx()) {
                                teacher.put("onnx", t.onnx().orElseThrow().toString());
                            } else {
                                teacher.put("model", model(t.model()));
                                teacher.put("training", t.training().settings());
                            }
                            doc.put("teacher", teacher);
                        });
        List<Object> pipeline = new ArrayList<>();
        for (Pass pass : sweep.pipeline()) {
            pipeline.add(Map.of(pass.name(), pass(pass)));
        }
        doc.put("pipeline", pipeline);
        doc.put("runtime", param(sweep.runtime()));
        doc.put("combine", sweep.combine());
        if (!sweep.exclude().isEmpty()) {
            doc.put("exclude", sweep.exclude().stream().map(SpecWriter::exclusion).toList());
        }
        doc.put(
                "objectives",
                sweep.objectives().stream()
                        .map(o -> (Object) flow("metric", o.metric(), "direction", o.direction()))
                        .toList());
        doc.put("constraints", sweep.constraints().stream().map(Constraint::toString).toList());
        doc.put("repeats", sweep.repeats());
        doc.put("parallelism", countOrAuto(sweep.parallelism()));
        sweep.tracking()
                .ifPresent(
                        t -> {
                            Map<String, Object> tracking = new LinkedHashMap<>();
                            tracking.put("uri", t.uri());
                            tracking.put("experiment", t.experiment());
                            doc.put("tracking", tracking);
                        });
        doc.put("output", sweep.output());
        sweep.search()
                .ifPresent(
                        s -> {
                            Map<String, Object> search = new LinkedHashMap<>();
                            search.put("strategy", s.strategy().yamlName());
                            search.put("budget", s.budget());
                            search.put("seed", s.seed());
                            s.earlyStop()
                                    .ifPresent(
                                            e ->
                                                    search.put(
                                                            "earlyStop",
                                                            flow(
                                                                    "afterEpochs",
                                                                    e.afterEpochs(),
                                                                    "margin",
                                                                    e.margin())));
                            doc.put("search", search);
                        });
        return YamlEmitter.emit(doc);
    }

    private static Object countOrAuto(int n) {
        return n == 0 ? "auto" : (Object) n;
    }

    private static Map<String, Object> dataset(Dataset d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        d.user()
                .ifPresent(
                        u -> {
                            m.put("path", u.path().toString());
                            m.put("format", u.format().yamlName());
                            u.testPath().ifPresent(t -> m.put("testPath", t.toString()));
                            if (u.testPath().isEmpty() && !u.format().hasOwnTestSplit()) {
                                m.put("test", u.test());
                            }
                            if (u.format() == dev.frontier.data.DataFormat.CSV) {
                                m.put("label", u.label());
                            }
                            if (u.resizes()) {
                                m.put("resize", List.of(u.rows(), u.cols()));
                            }
                            if (u.channels() > 0) {
                                m.put("channels", u.channels());
                            }
                            u.mean().ifPresent(v -> m.put("mean", v));
                            u.std().ifPresent(v -> m.put("std", v));
                        });
        if (d.limit() > 0) {
            m.put("limit", d.limit());
        }
        m.put("splitSeed", d.splitSeed());
        m.put("validation", d.validation());
        return m;
    }

    private static Map<String, Object> model(ModelSpec model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", model.name());
        m.put("width", model.width());
        model.user()
                .ifPresent(
                        u -> {
                            if (u instanceof UserModel.Jar jar) {
                                m.put("class", jar.className());
                                m.put("jar", jar.jar().toString());
                            } else {
                                m.put("provided", "in-process");
                            }
                        });
        if (!model.args().isEmpty()) {
            m.put("args", new YamlEmitter.Flow(new LinkedHashMap<>(model.args())));
        }
        return m;
    }

    private static Map<String, Object> pass(Pass pass) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> implicit = pass.implicitDefaults();
        pass.params()
                .forEach(
                        (k, p) -> {
                            if (p.isAxis() || !p.value().equals(implicit.get(k))) {
                                m.put(k, param(p));
                            }
                        });
        pass.settings()
                .forEach(
                        (k, v) ->
                                m.put(
                                        k,
                                        v instanceof Map<?, ?> map
                                                ? new YamlEmitter.Flow(copy(map))
                                                : v));
        return m;
    }

    private static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> m = new LinkedHashMap<>();
        map.forEach((k, v) -> m.put(String.valueOf(k), v));
        return m;
    }

    private static Object param(Param<?> param) {
        if (param instanceof Param.Range r) {
            return r.spacing() == Param.Range.Spacing.RANDOM
                    ? flow(
                            r.spacing().yamlName(),
                            List.of(r.from(), r.to()),
                            "count",
                            r.count(),
                            "seed",
                            r.seed())
                    : flow(r.spacing().yamlName(), List.of(r.from(), r.to()), "count", r.count());
        }
        return param.isAxis() ? param.values() : param.value();
    }

    private static Object exclusion(Exclusion rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        rule.when()
                .forEach(
                        (axis, values) -> m.put(axis, values.size() == 1 ? values.get(0) : values));
        return new YamlEmitter.Flow(m);
    }

    private static YamlEmitter.Flow flow(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new YamlEmitter.Flow(m);
    }
}
