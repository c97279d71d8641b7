package dev.frontier.exec.run;

import dev.frontier.onnx.bench.BenchSettings;
import dev.frontier.spec.SpecReader;
import dev.frontier.spec.Sweep;
import java.nio.file.Path;

/**
 * A plain entry point running one sweep in this process: {@code SweepMain <sweep.yaml> <runDir>
 * [quick]}. Used to run a sweep in a separate JVM (e.g. the crash-and-resume test). Exit 0 when
 * every trial is OK, 4 when some failed.
 */
public final class SweepMain {
    private SweepMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SweepMain <sweep.yaml> <runDir> [quick]");
            System.exit(2);
        }
        Sweep sweep = SpecReader.read(Path.of(args[0]));
        BenchSettings bench =
                args.length > 2 && args[2].equals("quick")
                        ? BenchSettings.quick()
                        : BenchSettings.standard();
        SweepResult r = new SweepRunner(System.out, false, bench).run(sweep, Path.of(args[1]));
        System.exit(r.failedTrials() > 0 ? 4 : 0);
    }
}
