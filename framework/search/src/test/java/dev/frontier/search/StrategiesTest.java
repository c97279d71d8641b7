package dev.frontier.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StrategiesTest {

    private static final ReplayTable TABLE = SyntheticTables.compression();

    /** Asks and tells (table lookup) until {@code n} proposals or the strategy runs out. */
    private static List<Point> drive(SearchStrategy s, int n) {
        List<Point> out = new ArrayList<>();
        while (out.size() < n) {
            Optional<Point> p = s.ask();
            if (p.isEmpty()) {
                break;
            }
            s.tell(p.get(), TABLE.lookup(p.get()));
            out.add(p.get());
        }
        return out;
    }

    private static SearchStrategy make(String name, long seed) {
        return SearchStrategies.create(name, TABLE.space(), Replay.DIRECTIONS, seed);
    }

    @Test
    void grid_proposesEveryPointOnceInSweepOrder_thenNothing() {
        List<Point> all = drive(make("grid", 1), 10_000);
        assertEquals(TABLE.space().points(), all);
        assertEquals(800, all.size());
    }

    @Test
    void everyStrategy_proposesEachPointAtMostOnce_andExhaustsTheSpace() {
        SearchSpace space =
                TABLE.space()
                        .restrictedTo(
                                TABLE.space().points().stream().filter(p -> p.get(2) < 2).toList());
        for (String name : SearchStrategies.NAMES) {
            SearchStrategy s = SearchStrategies.create(name, space, Replay.DIRECTIONS, 7);
            List<Point> all = drive(s, 10_000);
            assertEquals(200, all.size(), name);
            assertEquals(200, new HashSet<>(all).size(), name + " proposed a point twice");
            assertEquals(Optional.empty(), s.ask(), name);
            assertEquals(Optional.empty(), s.ask(), name);
        }
    }

    @Test
    void restrictedSpace_onlyAllowedPointsAreProposed() {
        List<Point> allowed =
                TABLE.space().points().stream().filter(p -> p.get(2) < 2 && p.get(0) != 5).toList();
        SearchSpace space = TABLE.space().restrictedTo(allowed);
        for (String name : SearchStrategies.NAMES) {
            SearchStrategy s = SearchStrategies.create(name, space, Replay.DIRECTIONS, 2);
            List<Point> all = drive(s, 10_000);
            assertEquals(180, all.size(), name);
            assertEquals(180, new HashSet<>(all).size(), name);
            assertTrue(all.stream().allMatch(space::contains), name);
        }
    }

    @Test
    void sameSeed_sameProposals_otherSeed_otherProposals() {
        for (String name : List.of("random", "nsga2")) {
            List<Point> a = drive(make(name, 42), 120);
            List<Point> b = drive(make(name, 42), 120);
            List<Point> c = drive(make(name, 43), 120);
            assertEquals(a, b, name);
            assertNotEquals(a, c, name);
        }
    }

    @Test
    void neighbouringSeeds_startFromDifferentPoints() {
        // java.util.Random's first nextInt(4) is 2 for every seed from 1 to 10; the strategies'
        // generator must spread neighbouring seeds.
        SearchSpace four = SearchSpace.of(Axis.of("a", "1", "2"), Axis.of("b", "1", "2"));
        for (String name : List.of("random", "nsga2")) {
            Set<Point> first = new HashSet<>();
            for (long seed = 1; seed <= 10; seed++) {
                first.add(
                        SearchStrategies.create(name, four, Replay.DIRECTIONS, seed)
                                .ask()
                                .orElseThrow());
            }
            assertTrue(first.size() >= 3, name + ": " + first);
        }
    }

    @Test
    void nsga2_firstGenerationIsItsPopulationSize_thenBreeds() {
        assertEquals(28, Nsga2Search.defaultPopulationSize(800));
        assertEquals(4, Nsga2Search.defaultPopulationSize(5));
        assertEquals(50, Nsga2Search.defaultPopulationSize(1_000_000));
        Nsga2Search s = new Nsga2Search(TABLE.space(), Replay.DIRECTIONS, 1, 8);
        assertEquals(8, drive(s, 8).size());
        // The ninth ask needs the whole first generation told, and breeds.
        assertEquals(20, drive(s, 12).size() + 8);
    }

    @Test
    void nsga2_repairsOffspringToAllowedNewPoints_withoutBarrenBreeding() {
        // an L-shaped allowed set: offspring of corner parents often land in the hole
        List<Point> allowed =
                TABLE.space().points().stream()
                        .filter(p -> p.get(2) == 0 && (p.get(0) < 3 || p.get(1) < 3))
                        .toList();
        SearchSpace space = TABLE.space().restrictedTo(allowed);
        for (boolean repair : new boolean[] {true, false}) {
            Nsga2Search s = new Nsga2Search(space, Replay.DIRECTIONS, 11, 6, repair);
            List<Point> out = drive(s, allowed.size());
            assertEquals(allowed.size(), out.size(), "repair " + repair);
            assertEquals(allowed.size(), new HashSet<>(out).size(), "repair " + repair);
            assertTrue(out.stream().allMatch(space::contains), "repair " + repair);
        }
        assertEquals(51, allowed.size());
    }

    @Test
    void nsga2_withMoreWorkersThanOffspring_proposesRandomUnseenPoints() {
        Nsga2Search s = new Nsga2Search(TABLE.space(), Replay.DIRECTIONS, 5, 4);
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.add(s.ask().orElseThrow()); // nothing told yet
        }
        assertEquals(10, new HashSet<>(out).size());
        for (Point p : out) {
            s.tell(p, TABLE.lookup(p));
        }
        assertTrue(s.ask().isPresent());
    }

    @Test
    void tell_rejectsUnproposedRepeatedOrMiscountedAnswers() {
        SearchStrategy s = make("random", 1);
        Point p = s.ask().orElseThrow();
        Point other = TABLE.space().points().stream().filter(q -> !q.equals(p)).findFirst().get();
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> s.tell(other, new double[] {0.9, 100}));
        assertTrue(e.getMessage().contains("was not proposed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.tell(p, new double[] {0.9}));
        s.tell(p, new double[] {0.9, 100});
        assertThrows(IllegalArgumentException.class, () -> s.tell(p, new double[] {0.9, 100}));
    }

    @Test
    void nsga2_failedTrials_areWorstNotFatal() {
        SearchStrategy s = make("nsga2", 3);
        int n = 0;
        while (n < 100) {
            Point p = s.ask().orElseThrow();
            s.tell(p, n % 3 == 0 ? new double[] {Double.NaN, Double.NaN} : TABLE.lookup(p));
            n++;
        }
        assertEquals(100, n);
    }

    @Test
    void unknownStrategy_namesTheKnownOnes() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> SearchStrategies.create("tpe", TABLE.space(), Replay.DIRECTIONS, 1));
        assertEquals(
                "unknown search strategy 'tpe' (known: [grid, random, nsga2])", e.getMessage());
    }
}
