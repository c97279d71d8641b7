package dev.frontier.exec.stage;

import dev.frontier.spec.PassRegistry;
import dev.frontier.spec.PassType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The {@link PassStep}s on the class path, by the pass they run; immutable once loaded. */
public final class PassSteps {

    private final Map<String, PassStep> steps;

    private PassSteps(Map<String, PassStep> steps) {
        this.steps = Map.copyOf(steps);
    }

    /** The steps {@code loader}'s class path supplies. */
    public static PassSteps load(ClassLoader loader) {
        Map<String, PassStep> steps = new LinkedHashMap<>();
        for (PassStep step : ServiceLoader.load(PassStep.class, loader)) {
            for (String pass : step.runs()) {
                PassStep before = steps.put(pass, step);
                if (before != null) {
                    throw new IllegalStateException(
                            "pass '"
                                    + pass
                                    + "' has two steps: "
                                    + before.getClass().getName()
                                    + " and "
                                    + step.getClass().getName());
                }
            }
        }
        return new PassSteps(steps);
    }

    /** The steps on this thread's class path. */
    public static PassSteps standard() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return load(cl != null ? cl : PassSteps.class.getClassLoader());
    }

    /** The step running {@code pass}. */
    public PassStep get(String pass) {
        PassStep step = steps.get(pass);
        if (step == null) {
            throw new IllegalStateException(
                    "no step runs pass '"
                            + pass
                            + "': its PassStep is not on the class path"
                            + " (registered steps: "
                            + steps.keySet()
                            + ")");
        }
        return step;
    }

    /** The registered pass types that no step runs (should be none). */
    public List<String> missing(PassRegistry registry) {
        return registry.all().stream()
                .map(PassType::name)
                .filter(n -> !steps.containsKey(n))
                .toList();
    }
}
