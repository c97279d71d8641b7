package dev.frontier.cli;

import dev.frontier.plan.Planner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code frontier plan}: the trials, the stage tree, unique vs naive stages and a cost estimate.
 */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description =
                "Show the trial count, the stage tree, unique stages vs the naive count and a cost estimate.")
public final class PlanCommand implements Callable<Integer> {
    @Parameters(arity = "1", paramLabel = "FILE", description = "sweep YAML file")
    Path file;

    @Override
    public Integer call() {
        System.out.print(Planner.plan(SpecFiles.read(file)).render());
        return 0;
    }
}
