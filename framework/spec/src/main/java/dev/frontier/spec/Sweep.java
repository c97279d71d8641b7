package dev.frontier.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A complete, validated experiment sweep: what to train, which compression pipeline to apply, which
 * parameters to sweep, and how to judge and log the results. Built by {@link SpecReader} from YAML
 * or by {@link #builder()}; both produce equal objects for equal content.
 *
 * @param name experiment name: letters, digits, '.', '_' and '-'
 * @param dataset the data
 * @param model the model being compressed
 * @param seed the experiment seed; every trial seed derives from it
 * @param device auto, cpu or gpu:N
 * @param threads intra-op threads, 0 for automatic
 * @param training how the baseline is trained
 * @param teacher the teacher for distill passes, if any
 * @param pipeline the passes applied in order to the baseline (may be empty: the baseline alone)
 * @param runtime the inference runtime(s) measured
 * @param combine grid or zip
 * @param exclude rules dropping combinations of axis values
 * @param objectives the Pareto objectives, at least one
 * @param constraints limits a trial must meet
 * @param repeats independent repeats (seeds) per trial, &gt;= 1
 * @param parallelism trials run at once, 0 for automatic
 * @param tracking MLflow settings, if runs are logged
 * @param output output directory for runs and artifacts
 * @param search a search over the trials, else every trial is run
 */
public record Sweep(
        String name,
        Dataset dataset,
        ModelSpec model,
        long seed,
        Device device,
        int threads,
        Training training,
        Optional<Teacher> teacher,
        List<Pass> pipeline,
        Param<Backend> runtime,
        Combine combine,
        List<Exclusion> exclude,
        List<Objective> objectives,
        List<Constraint> constraints,
        int repeats,
        int parallelism,
        Optional<Tracking> tracking,
        String output,
        Optional<Search> search) {

    /** A sweep that runs every trial (no search). */
    public Sweep(
            String name,
            Dataset dataset,
            ModelSpec model,
            long seed,
            Device device,
            int threads,
            Training training,
            Optional<Teacher> teacher,
            List<Pass> pipeline,
            Param<Backend> runtime,
            Combine combine,
            List<Exclusion> exclude,
            List<Objective> objectives,
            List<Constraint> constraints,
            int repeats,
            int parallelism,
            Optional<Tracking> tracking,
            String output) {
        this(
                name,
                dataset,
                model,
                seed,
                device,
                threads,
                training,
                teacher,
                pipeline,
                runtime,
                combine,
                exclude,
                objectives,
                constraints,
                repeats,
                parallelism,
                tracking,
                output,
                Optional.empty());
    }

    /**
     * Checks every field and every rule that spans fields; throws one {@link SpecException} with
     * all problems.
     */
    public Sweep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(teacher, "teacher");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(combine, "combine");
        Objects.requireNonNull(tracking, "tracking");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(search, "search");
        pipeline = List.copyOf(pipeline);
        objectives = List.copyOf(objectives);
        constraints = List.copyOf(constraints);
        Checks checks = new Checks();
        SweepRules.scalars(checks, name, threads, repeats, parallelism, output, objectives);
        SweepRules.passOrder(teacher.isPresent(), pipeline)
                .forEach(p -> checks.require(false, p.path(), p.message()));
        List<Axis> axes = SweepRules.axes(pipeline, runtime);
        if (combine == Combine.ZIP && !axes.isEmpty()) {
            int n = axes.get(0).values().size();
            for (Axis axis : axes) {
                checks.require(
                        axis.values().size() == n,
                        axis.path(),
                        "found "
                                + axis.values().size()
                                + " values, expected "
                                + n
                                + " like "
                                + axes.get(0).name()
                                + " (combine: zip pairs the i-th values of every axis)");
            }
        }
        exclude = List.copyOf(Exclusions.normalize(exclude, axes, checks));
        if (checks.ok()) {
            SweepRules.symmetricBits(pipeline, axes, combine, exclude, checks);
        }
        checks.done();
    }

    /**
     * A fluent builder for notebooks; produces a sweep equal to the YAML form with the same
     * content.
     */
    public static SweepBuilder builder() {
        return new SweepBuilder();
    }

    /** This sweep with {@code search} (or none). */
    public Sweep withSearch(Optional<Search> search) {
        return new Sweep(
                name,
                dataset,
                model,
                seed,
                device,
                threads,
                training,
                teacher,
                pipeline,
                runtime,
                combine,
                exclude,
                objectives,
                constraints,
                repeats,
                parallelism,
                tracking,
                output,
                search);
    }

    /** The sweep axes, pipeline order first, then {@code runtime}. */
    public List<Axis> axes() {
        return SweepRules.axes(pipeline, runtime);
    }
}
