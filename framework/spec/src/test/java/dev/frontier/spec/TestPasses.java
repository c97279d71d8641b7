package dev.frontier.spec;

import dev.frontier.limits.Interval;
import java.util.List;

/**
 * A pass provider on the spec tests' class path only (listed in the test resources'
 * META-INF/services): {@code shrink}, declared like any third-party pass.
 */
public final class TestPasses implements PassProvider {

    /** A transform with a decimal, an integer and a setting. */
    static final PassType SHRINK =
            PassType.of(
                            "shrink",
                            PassType.Role.TRANSFORM,
                            "a test pass",
                            List.of(
                                    ParamDecl.decimal(
                                            "rank",
                                            0.5,
                                            Interval.openClosed(0, 1),
                                            "a fraction",
                                            "kept fraction"),
                                    ParamDecl.integer(
                                            "epochs",
                                            1,
                                            Interval.atLeast(0),
                                            "a count",
                                            "fine-tuning epochs"),
                                    ParamDecl.strings("skip", "layers left alone")))
                    .withEpochs("epochs");

    @Override
    public List<PassType> passes() {
        return List.of(SHRINK);
    }
}
