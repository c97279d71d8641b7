package dev.frontier.cli;

import dev.frontier.spec.Sweep;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code frontier validate}: checks sweep files completely, runs nothing. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description =
                "Check sweep files: every problem at once with file:line:column; exit 2 when any is invalid.")
public final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "sweep YAML files")
    List<Path> files;

    @Override
    public Integer call() {
        int bad = 0;
        for (Path f : files) {
            try {
                Sweep s = SpecFiles.read(f);
                System.out.printf("%s: valid (sweep %s, %d axes)%n", f, s.name(), s.axes().size());
            } catch (UserInputException e) {
                System.err.println(e.getMessage());
                bad++;
            }
        }
        return bad == 0 ? 0 : FrontierCli.USAGE;
    }
}
