package dev.frontier.search;

import dev.frontier.analysis.Direction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.uma.jmetal.algorithm.multiobjective.nsgaii.NSGAII;
import org.uma.jmetal.operator.crossover.impl.IntegerSBXCrossover;
import org.uma.jmetal.operator.mutation.impl.IntegerPolynomialMutation;
import org.uma.jmetal.operator.selection.SelectionOperator;
import org.uma.jmetal.problem.integerproblem.impl.AbstractIntegerProblem;
import org.uma.jmetal.solution.doublesolution.repairsolution.impl.RepairDoubleSolutionWithBoundValue;
import org.uma.jmetal.solution.integersolution.IntegerSolution;
import org.uma.jmetal.util.ListUtils;
import org.uma.jmetal.util.SolutionListUtils;
import org.uma.jmetal.util.comparator.RankingAndCrowdingDistanceComparator;
import org.uma.jmetal.util.densityestimator.impl.CrowdingDistanceDensityEstimator;
import org.uma.jmetal.util.evaluator.impl.SequentialSolutionListEvaluator;
import org.uma.jmetal.util.pseudorandom.BoundedRandomGenerator;
import org.uma.jmetal.util.ranking.Ranking;
import org.uma.jmetal.util.ranking.impl.FastNonDominatedSortRanking;

/**
 * NSGA-II (Deb et al., 2002) from jMetal, driven one trial at a time. Each axis is an integer
 * variable (the value's index, so ordered axes keep their order); jMetal's NSGA-II does the binary
 * tournament on rank and crowding distance, integer SBX crossover, polynomial mutation, and the
 * rank-and-crowding replacement. This class only turns its generational loop into ask/tell:
 *
 * <ul>
 *   <li>the first generation is {@code populationSize} random points;
 *   <li>offspring that were proposed before, or lie outside an allowed set (a sweep's exclusions),
 *       are never evaluated (again): each is repaired to the nearest allowed point not yet proposed
 *       (L1 distance over the value indices, each axis scaled to [0, 1], ties drawn at random), so
 *       the budget counts distinct trials;
 *   <li>when a generation's offspring are all old, it breeds again; after {@value #BARREN_LIMIT}
 *       barren generations in a row, when fewer unseen points are left than half a population, or
 *       while trials of the generation are still out (more workers than offspring), it proposes a
 *       random unseen point, which joins the next replacement.
 * </ul>
 *
 * <p>Every random draw comes from the strategy's own seeded generator (jMetal's operators take
 * one), so a seed gives the same proposals for the same answers.
 */
public final class Nsga2Search extends AbstractStrategy {

    /** Barren generations (no new offspring) before a random point is proposed instead. */
    static final int BARREN_LIMIT = 10;

    private static final double CROSSOVER_PROBABILITY = 0.9;
    private static final double DISTRIBUTION_INDEX = 20;
    private static final double FAILED_COST = 1e300;

    private final List<Direction> directions;
    private final SplittableRandom random;
    private final int populationSize;
    private final Problem problem;
    private final Engine engine;
    private final boolean repair;
    private final boolean listable;

    private List<IntegerSolution> population;
    private final Deque<Point> queue = new ArrayDeque<>();
    private final Set<Point> generation = new HashSet<>();
    private final List<IntegerSolution> evaluated = new ArrayList<>();

    /**
     * NSGA-II over {@code space}.
     *
     * @param directions whether each objective is maximized or minimized, in tell order
     * @param seed seed of every random draw
     * @param populationSize population size, even and at least 4
     */
    public Nsga2Search(
            SearchSpace space, List<Direction> directions, long seed, int populationSize) {
        this(space, directions, seed, populationSize, true);
    }

    /**
     * NSGA-II over {@code space}, choosing whether offspring that are old or not allowed are
     * repaired to the nearest new point ({@code repair}) or dropped.
     */
    public Nsga2Search(
            SearchSpace space,
            List<Direction> directions,
            long seed,
            int populationSize,
            boolean repair) {
        super(space, directions.size());
        this.repair = repair;
        long product = 1;
        for (Axis a : space.axes()) {
            product = product > SearchSpace.MAX_LISTED ? product : product * a.size();
        }
        this.listable = product <= SearchSpace.MAX_LISTED;
        if (populationSize < 4 || populationSize % 2 != 0) {
            throw new IllegalArgumentException(
                    "NSGA-II population size must be even and >= 4, got " + populationSize);
        }
        this.directions = List.copyOf(directions);
        this.random = new SplittableRandom(seed);
        this.populationSize = populationSize;
        this.problem = new Problem(space, directions.size());
        this.engine = new Engine(problem, populationSize, random);
    }

    /**
     * The default population size for a space of {@code size} points: about its square root, even,
     * between 4 and 50.
     */
    public static int defaultPopulationSize(long size) {
        long root = Math.round(Math.sqrt((double) size));
        long even = root + (root % 2);
        return (int) Math.max(4, Math.min(50, even));
    }

    @Override
    public String name() {
        return "nsga2";
    }

    /** The population size. */
    public int populationSize() {
        return populationSize;
    }

    @Override
    protected Optional<Point> propose() {
        while (!queue.isEmpty()) {
            Point p = queue.poll();
            if (!proposed.contains(p)) {
                return Optional.of(p);
            }
        }
        if (outstanding() > 0) {
            return randomPoint();
        }
        if (population == null && evaluated.isEmpty()) {
            for (int i = 0; i < populationSize; i++) {
                Optional<Point> p = RandomSearch.unseen(space, this::taken, random);
                if (p.isEmpty()) {
                    break;
                }
                queue.add(p.get());
                generation.add(p.get());
            }
            return Optional.ofNullable(queue.poll());
        }
        advance();
        if (space.size() - proposed.size() <= populationSize / 2) {
            return randomPoint(); // the space is nearly used up: breeding would find nothing new
        }
        for (int barren = 0; barren < BARREN_LIMIT; barren++) {
            breed();
            if (!queue.isEmpty()) {
                return Optional.of(queue.poll());
            }
        }
        return randomPoint();
    }

    @Override
    protected void learn(Point point, double[] values) {
        IntegerSolution s = problem.createSolution();
        for (int d = 0; d < space.dimensions(); d++) {
            s.variables().set(d, point.get(d));
        }
        for (int j = 0; j < values.length; j++) {
            double v = values[j];
            s.objectives()[j] = Double.isFinite(v) ? directions.get(j).toCost(v) : FAILED_COST;
        }
        evaluated.add(s);
    }

    private Optional<Point> randomPoint() {
        Optional<Point> p = RandomSearch.unseen(space, this::taken, random);
        p.ifPresent(generation::add);
        return p;
    }

    private boolean taken(Point p) {
        return proposed.contains(p) || generation.contains(p);
    }

    /** Trials of the current generation proposed but not told yet. */
    private int outstanding() {
        int n = 0;
        for (Point p : generation) {
            if (proposed.contains(p) && !told.containsKey(p)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The generation is complete: its evaluated points join the population (NSGA-II replacement).
     */
    private void advance() {
        if (!evaluated.isEmpty()) {
            List<IntegerSolution> joint = new ArrayList<>();
            if (population != null) {
                joint.addAll(population);
            }
            joint.addAll(evaluated);
            population =
                    joint.size() > populationSize
                            ? engine.survive(population == null ? List.of() : population, evaluated)
                            : joint;
            rankAndCrowd(population);
            evaluated.clear();
        }
        generation.clear();
    }

    /** One round of jMetal selection + crossover + mutation; new points go to the queue. */
    private void breed() {
        List<IntegerSolution> parents = population;
        if (parents.size() < 2) {
            return;
        }
        if (parents.size() % 2 != 0) {
            parents = new ArrayList<>(parents);
            parents.add(parents.get(0));
        }
        for (IntegerSolution child : engine.breed(parents)) {
            Point p = toPoint(child);
            if (!space.contains(p) || taken(p)) {
                p = repair ? nearestUnseen(p).orElse(null) : null;
            }
            if (p != null) {
                queue.add(p);
                generation.add(p);
            }
        }
    }

    /**
     * The allowed, not yet proposed point nearest to {@code p} (L1 distance, each axis scaled to
     * [0, 1]); ties drawn at random. Empty for spaces too large to list.
     */
    private Optional<Point> nearestUnseen(Point p) {
        if (!listable) {
            return Optional.empty();
        }
        double best = Double.POSITIVE_INFINITY;
        List<Point> ties = new ArrayList<>();
        for (Point q : space.points()) {
            if (taken(q)) {
                continue;
            }
            double d = 0;
            for (int i = 0; i < space.dimensions(); i++) {
                int span = space.axes().get(i).size() - 1;
                d += span == 0 ? 0 : Math.abs(q.get(i) - p.get(i)) / (double) span;
            }
            if (d < best - 1e-12) {
                best = d;
                ties.clear();
            }
            if (d <= best + 1e-12) {
                ties.add(q);
            }
        }
        return ties.isEmpty()
                ? Optional.empty()
                : Optional.of(ties.get(random.nextInt(ties.size())));
    }

    private Point toPoint(IntegerSolution s) {
        int[] idx = new int[space.dimensions()];
        for (int d = 0; d < idx.length; d++) {
            idx[d] = s.variables().get(d);
        }
        return Point.of(idx);
    }

    private static void rankAndCrowd(List<IntegerSolution> solutions) {
        Ranking<IntegerSolution> ranking =
                new FastNonDominatedSortRanking<IntegerSolution>().compute(solutions);
        CrowdingDistanceDensityEstimator<IntegerSolution> crowding =
                new CrowdingDistanceDensityEstimator<>();
        for (int i = 0; i < ranking.getNumberOfSubFronts(); i++) {
            crowding.compute(ranking.getSubFront(i));
        }
    }

    /** The space as a jMetal integer problem; evaluation happens outside, through tell. */
    private static final class Problem extends AbstractIntegerProblem {
        Problem(SearchSpace space, int objectives) {
            List<Integer> lower = new ArrayList<>();
            List<Integer> upper = new ArrayList<>();
            for (Axis a : space.axes()) {
                lower.add(0);
                upper.add(a.size() - 1);
            }
            variableBounds(lower, upper);
            numberOfObjectives(objectives);
            numberOfConstraints(0);
            name("frontier-search-space");
        }

        @Override
        public IntegerSolution evaluate(IntegerSolution solution) {
            throw new UnsupportedOperationException("trials are evaluated through tell()");
        }
    }

    /**
     * jMetal's NSGA-II with its selection, reproduction and replacement steps callable one by one.
     */
    private static final class Engine extends NSGAII<IntegerSolution> {
        Engine(Problem problem, int populationSize, SplittableRandom random) {
            super(
                    problem,
                    Integer.MAX_VALUE,
                    populationSize,
                    populationSize,
                    populationSize,
                    new IntegerSBXCrossover(
                            CROSSOVER_PROBABILITY, DISTRIBUTION_INDEX, random::nextDouble),
                    new IntegerPolynomialMutation(
                            1.0 / problem.numberOfVariables(),
                            DISTRIBUTION_INDEX,
                            new RepairDoubleSolutionWithBoundValue(),
                            random::nextDouble),
                    new Tournament(random),
                    new SequentialSolutionListEvaluator<>());
        }

        List<IntegerSolution> breed(List<IntegerSolution> parents) {
            return reproduction(selection(parents));
        }

        List<IntegerSolution> survive(
                List<IntegerSolution> population, List<IntegerSolution> offspring) {
            return replacement(population, offspring);
        }
    }

    /**
     * jMetal's binary tournament on rank then crowding distance ({@code NaryTournamentSelection}
     * with {@link RankingAndCrowdingDistanceComparator}), drawing from the strategy's generator
     * instead of jMetal's global one.
     */
    private static final class Tournament
            implements SelectionOperator<List<IntegerSolution>, IntegerSolution> {
        private final transient SplittableRandom random;
        private final RankingAndCrowdingDistanceComparator<IntegerSolution> comparator =
                new RankingAndCrowdingDistanceComparator<>();

        Tournament(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public IntegerSolution execute(List<IntegerSolution> solutions) {
            if (solutions.size() == 1) {
                return solutions.get(0);
            }
            BoundedRandomGenerator<Integer> draw =
                    (low, high) -> low + random.nextInt(high - low + 1);
            return SolutionListUtils.findBestSolution(
                    ListUtils.randomSelectionWithoutReplacement(2, solutions, draw), comparator);
        }
    }
}
