package dev.frontier.spec;

import dev.frontier.limits.Limits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules that span several parts of a sweep: pass order, teacher presence, axes and exclusion rules.
 */
final class SweepRules {

    private SweepRules() {}

    /**
     * Problems with the order of passes. Tolerates null entries (passes that failed their own
     * checks), so the reader can report order problems together with value problems.
     */
    static List<Problem> passOrder(boolean hasTeacher, List<Pass> pipeline) {
        return passOrder(
                hasTeacher,
                pipeline,
                pipeline.stream().map(p -> p == null ? null : p.type()).toList());
    }

    /**
     * As {@link #passOrder(boolean, List)}, with the types of passes that failed their own checks
     * (null entries in {@code pipeline}) still taking part; such passes count as not training. The
     * rules follow each type's {@link PassType.Role}.
     */
    static List<Problem> passOrder(boolean hasTeacher, List<Pass> pipeline, List<PassType> types) {
        List<Problem> problems = new ArrayList<>();
        String encodePath = null;
        String firstPass = null;
        for (int i = 0; i < pipeline.size(); i++) {
            Pass pass = pipeline.get(i);
            PassType type = types.get(i);
            if (type == null) {
                continue;
            }
            String name = type.name();
            String path = Paths.join(Paths.index("pipeline", i), name);
            if (type.role() == PassType.Role.STUDENT) {
                if (!hasTeacher) {
                    problems.add(
                            Problem.at(
                                    path,
                                    "found a "
                                            + name
                                            + " pass but no teacher, expected a top-level"
                                            + " 'teacher' section to distill from"));
                }
                if (firstPass != null) {
                    problems.add(
                            Problem.at(
                                    path,
                                    "found "
                                            + name
                                            + " after "
                                            + firstPass
                                            + ", expected "
                                            + name
                                            + " as the first pass (it trains a new student and"
                                            + " would discard earlier passes)"));
                }
            }
            if (encodePath != null
                    && pass != null
                    && type.role() != PassType.Role.STUDENT
                    && pass.mayTrain()) {
                problems.add(
                        Problem.at(
                                encodePath,
                                "found "
                                        + Paths.last(encodePath)
                                        + " before "
                                        + path
                                        + ", which trains the weights and would undo the"
                                        + " encoding, expected "
                                        + Paths.last(encodePath)
                                        + " after every pass that trains"));
            }
            if (type.role() == PassType.Role.ENCODE) {
                if (encodePath != null) {
                    problems.add(
                            Problem.at(
                                    path,
                                    (Paths.last(encodePath).equals(name)
                                                    ? "found a second " + name + " pass"
                                                    : "found "
                                                            + name
                                                            + " after another pass"
                                                            + " that encodes the weights")
                                            + " (the first is "
                                            + encodePath
                                            + "), expected at most one"));
                } else {
                    encodePath = path;
                }
            }
            if (firstPass == null) {
                firstPass = path;
            }
        }
        return problems;
    }

    /**
     * Checks of the sweep's own scalar settings; objectives may hold nulls (objectives that failed
     * their checks).
     */
    static void scalars(
            Checks checks,
            String name,
            int threads,
            int repeats,
            int parallelism,
            String output,
            List<Objective> objectives) {
        checks.value(
                        "name",
                        name,
                        n -> n.matches("[A-Za-z0-9][A-Za-z0-9._-]*"),
                        "a name of letters, digits, '.', '_' and '-'")
                .value("threads", threads, t -> t >= 0, "a count >= 0 (or auto)")
                .value("repeats", repeats, r -> r >= 1, "a count >= 1")
                .value("parallelism", parallelism, p -> p >= 0, "a count >= 1 (or auto)")
                .require(
                        !output.isBlank(),
                        "output",
                        "found an empty path, expected an output directory")
                .require(
                        !objectives.isEmpty(),
                        "objectives",
                        "found an empty list, expected at least one objective");
        var metrics = new java.util.HashSet<String>();
        for (int i = 0; i < objectives.size(); i++) {
            if (objectives.get(i) != null) {
                String metric = objectives.get(i).metric();
                checks.require(
                        metrics.add(metric),
                        Paths.join(Paths.index("objectives", i), "metric"),
                        "found '" + metric + "' twice, expected each metric once");
            }
        }
    }

    /** Problems of {@link #scalars} as a list, for partial sweeps. */
    static List<Problem> scalarProblems(
            String name,
            int threads,
            int repeats,
            int parallelism,
            String output,
            List<Objective> objectives) {
        Checks checks = new Checks();
        scalars(
                checks,
                name == null ? "x" : name,
                threads,
                repeats,
                parallelism,
                output,
                objectives);
        try {
            checks.done();
            return List.of();
        } catch (SpecException e) {
            return e.problems();
        }
    }

    /**
     * Problems of quantize passes whose bits or symmetric is an axis and some trial of which pairs
     * symmetric true with an integer width the codec cannot store symmetrically (1 bit: only the
     * code 0). Trials dropped by an exclude rule or never formed by zip are fine. Fixed pairs are
     * checked by {@link Quantize} itself. One problem per pass.
     */
    static void symmetricBits(
            List<Pass> pipeline,
            List<Axis> axes,
            Combine combine,
            List<Exclusion> exclude,
            Checks checks) {
        for (int i = 0; i < pipeline.size(); i++) {
            if (!(pipeline.get(i) instanceof Quantize q)
                    || !(q.bits().isAxis() || q.symmetric().isAxis())
                    || !q.symmetric().values().contains(true)) {
                continue;
            }
            Axis bitsAxis = passAxis(axes, i, "bits");
            Axis symmetricAxis = passAxis(axes, i, "symmetric");
            for (Map<String, Object> trial :
                    combinations(axes, bitsAxis, symmetricAxis, combine, exclude)) {
                boolean symmetric =
                        symmetricAxis == null
                                ? q.symmetric().value()
                                : (Boolean) trial.get(symmetricAxis.name());
                int bits =
                        bitsAxis == null ? q.bits().value() : (Integer) trial.get(bitsAxis.name());
                if (!symmetric || exclude.stream().anyMatch(rule -> rule.matches(trial))) {
                    continue;
                }
                Map<String, Object> rule = new LinkedHashMap<>();
                String path = null;
                int found = 0;
                if (!Limits.isBits(bits, true)) {
                    path =
                            bitsAxis == null
                                    ? Paths.join(passPath(i, q), "bits")
                                    : Paths.index(bitsAxis.path(), bitsAxis.values().indexOf(bits));
                    found = bits;
                    if (bitsAxis != null) {
                        rule.put(bitsAxis.name(), bits);
                    }
                } else {
                    for (Map.Entry<String, Integer> o : q.overrides().entrySet()) {
                        if (path == null && !Limits.isBits(o.getValue(), true)) {
                            path = Paths.join(Paths.join(passPath(i, q), "overrides"), o.getKey());
                            found = o.getValue();
                        }
                    }
                }
                if (path != null) {
                    if (symmetricAxis != null) {
                        rule.put(symmetricAxis.name(), true);
                    }
                    checks.require(
                            false,
                            path,
                            "found "
                                    + found
                                    + " with symmetric true, expected "
                                    + Limits.symmetricBitsText()
                                    + ", or an exclude rule such as "
                                    + rule(rule));
                    break;
                }
            }
        }
    }

    private static Axis passAxis(List<Axis> axes, int passIndex, String param) {
        return axes.stream()
                .filter(a -> a.passIndex() == passIndex && a.param().equals(param))
                .findFirst()
                .orElse(null);
    }

    /** An exclude rule as written in YAML: {@code {quantize.bits: 1, quantize.symmetric: true}}. */
    private static String rule(Map<String, Object> when) {
        List<String> entries = new ArrayList<>();
        when.forEach((axis, value) -> entries.add(axis + ": " + Values.show(value)));
        return "{" + String.join(", ", entries) + "}";
    }

    /**
     * The combinations of the axes that decide a quantize pass's bits/symmetric pair and whether an
     * exclude rule drops it: every axis under zip (trial by trial), else the grid of those two and
     * the axes the rules name.
     */
    private static List<Map<String, Object>> combinations(
            List<Axis> axes,
            Axis bitsAxis,
            Axis symmetricAxis,
            Combine combine,
            List<Exclusion> exclude) {
        if (combine == Combine.ZIP) {
            return Axis.combinations(axes, combine);
        }
        Set<String> names = new LinkedHashSet<>();
        if (bitsAxis != null) {
            names.add(bitsAxis.name());
        }
        if (symmetricAxis != null) {
            names.add(symmetricAxis.name());
        }
        exclude.forEach(rule -> names.addAll(rule.when().keySet()));
        return Axis.combinations(
                axes.stream().filter(a -> names.contains(a.name())).toList(), Combine.GRID);
    }

    static String passPath(int index, Pass pass) {
        return Paths.join(Paths.index("pipeline", index), pass.name());
    }

    /** The sweep axes of a pipeline and runtime, named as documented on {@link Axis}. */
    static List<Axis> axes(List<Pass> pipeline, Param<Backend> runtime) {
        List<Axis> axes = new ArrayList<>();
        for (int i = 0; i < pipeline.size(); i++) {
            Pass pass = pipeline.get(i);
            String prefix = axisPrefix(pipeline, i);
            for (Map.Entry<String, Param<?>> e : pass.params().entrySet()) {
                if (e.getValue().isAxis()) {
                    axes.add(
                            new Axis(
                                    prefix + "." + e.getKey(),
                                    Paths.join(passPath(i, pass), e.getKey()),
                                    i,
                                    e.getKey(),
                                    e.getValue().values()));
                }
            }
        }
        if (runtime.isAxis()) {
            axes.add(new Axis("runtime", "runtime", -1, "runtime", runtime.values()));
        }
        return List.copyOf(axes);
    }

    /** {@code kind} for the first pass of a kind, {@code kind2}, {@code kind3}… for later ones. */
    static String axisPrefix(List<Pass> pipeline, int index) {
        String kind = pipeline.get(index).name();
        int occurrence = 1;
        for (int j = 0; j < index; j++) {
            if (pipeline.get(j).name().equals(kind)) {
                occurrence++;
            }
        }
        return kind + (occurrence == 1 ? "" : String.valueOf(occurrence));
    }
}
