package dev.frontier.exec.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.plan.Planner;
import dev.frontier.spec.Search;
import dev.frontier.spec.SpecReader;
import dev.frontier.spec.Sweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The live search comparison's sweep files (they use {@code mixed-precision}, a pass this module
 * adds, so the spec module cannot read them): valid, more than 500 combinations, 40 trials each,
 * and the same sweep but for the strategy.
 */
class LiveSearchSweepsTest {

    private static Path folder() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
                p != null;
                p = p.getParent()) {
            if (Files.isDirectory(p.resolve("experiments/search"))) {
                return p.resolve("experiments/search");
            }
        }
        throw new IllegalStateException(
                "no experiments/search above " + System.getProperty("user.dir"));
    }

    @Test
    void liveSweeps_searchFortyOfMoreThan500Combinations_differingOnlyInStrategy()
            throws IOException {
        Sweep nsga2 = SpecReader.read(folder().resolve("live-nsga2.yaml"));
        Sweep random = SpecReader.read(folder().resolve("live-random.yaml"));
        assertEquals(560, Planner.plan(nsga2).trialCount());
        assertTrue(Planner.plan(nsga2).trialCount() > 500);
        assertEquals(Search.Strategy.NSGA2, nsga2.search().orElseThrow().strategy());
        assertEquals(Search.Strategy.RANDOM, random.search().orElseThrow().strategy());
        assertEquals(40, nsga2.search().orElseThrow().budget());
        assertEquals(40, random.search().orElseThrow().budget());
        Sweep same = random.withSearch(nsga2.search());
        assertEquals(nsga2.axes(), same.axes(), "the same axes");
        assertEquals(nsga2.pipeline(), same.pipeline(), "the same pipeline");
    }
}
