package dev.frontier.exec.stage;

import dev.frontier.spec.Pass;
import java.io.IOException;
import java.util.List;

/**
 * How a pass runs: reads its input model through the {@link StepContext}, transforms it and saves
 * the result. Found with {@link java.util.ServiceLoader}, as pass types are ({@link
 * dev.frontier.spec.PassProvider}): list the class in {@code
 * META-INF/services/dev.frontier.exec.stage.PassStep}. A class may declare its pass type and run it
 * at once, implementing both interfaces.
 */
public interface PassStep {

    /** The names of the pass types this step runs (their YAML keys). */
    List<String> runs();

    /**
     * Runs {@code pass} (all parameters fixed) on the stage's input and writes the stage's
     * checkpoint ({@link StepContext#save}) and, for an encoding pass, its model file.
     */
    void run(Pass pass, StepContext step) throws IOException;
}
