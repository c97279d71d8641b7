package dev.frontier.notebook;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the kernel this code runs in: JJava (the kernel {@code ./frontier setup notebooks}
 * installs), then IJava; outside both (a plain JVM, a test, a kernel whose display API changed)
 * bundles are printed as text. Detection only looks for the kernels' classes, so there is no
 * compile-time dependency on either.
 */
public final class KernelSinks {

    private KernelSinks() {}

    /**
     * Returns the sink for the kernel visible from {@code loader}, or a text sink on {@code
     * fallback}.
     *
     * @param loader the class loader to look in (the kernel's classes are visible from user code)
     * @param fallback where text goes when no kernel is found
     * @return the sink
     */
    public static DisplaySink detect(ClassLoader loader, PrintStream fallback) {
        List<String> reasons = new ArrayList<>();
        try {
            return JJavaSink.bind(loader);
        } catch (ClassNotFoundException e) {
            reasons.add("no JJava kernel");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            reasons.add("JJava found but its display API is not usable: " + e);
        }
        try {
            return IJavaSink.bind(loader);
        } catch (ClassNotFoundException e) {
            reasons.add("no IJava kernel");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            reasons.add("IJava found but not usable: " + e);
        }
        if (reasons.stream().anyMatch(r -> !r.startsWith("no "))) {
            fallback.println(
                    "frontier-notebook: showing text only (" + String.join("; ", reasons) + ")");
        }
        return new TextSink(fallback);
    }

    /**
     * Returns a sink that prints plain text to {@code out}.
     *
     * @param out the stream
     * @return the sink
     */
    public static DisplaySink text(PrintStream out) {
        return new TextSink(out);
    }
}
