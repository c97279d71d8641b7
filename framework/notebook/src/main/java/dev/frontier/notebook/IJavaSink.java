package dev.frontier.notebook;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Sends bundles to IJava through its API, found by reflection: a {@code
 * io.github.spencerpark.jupyter.kernel.display.DisplayData} with every MIME form, published with
 * the running kernel's {@code display(...)}. Written against IJava 1.3's public API; not exercised
 * here, since IJava has no release on Maven Central.
 */
final class IJavaSink implements DisplaySink {

    static final String KERNEL = "io.github.spencerpark.ijava.runtime.Kernel";
    private static final String DISPLAY_DATA =
            "io.github.spencerpark.jupyter.kernel.display.DisplayData";

    private final Object kernel;
    private final Constructor<?> newData;
    private final Method putData;
    private final Method display;

    private IJavaSink(Object kernel, Constructor<?> newData, Method putData, Method display) {
        this.kernel = kernel;
        this.newData = newData;
        this.putData = putData;
        this.display = display;
    }

    /** Binds to the IJava kernel visible from {@code loader}; throws if none is running. */
    static IJavaSink bind(ClassLoader loader) throws ReflectiveOperationException {
        Object kernel =
                Class.forName(KERNEL, true, loader).getMethod("getKernelInstance").invoke(null);
        if (kernel == null) {
            throw new IllegalStateException("no IJava kernel instance");
        }
        Class<?> data = Class.forName(DISPLAY_DATA, true, loader);
        return new IJavaSink(
                kernel,
                data.getConstructor(String.class),
                data.getMethod("putData", String.class, Object.class),
                kernel.getClass().getMethod("display", data));
    }

    @Override
    public void show(MimeBundle bundle) {
        try {
            Object dd = newData.newInstance(bundle.text());
            for (var entry : bundle.data().entrySet()) {
                putData.invoke(dd, entry.getKey(), entry.getValue());
            }
            display.invoke(kernel, dd);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "IJava failed to display: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("IJava display API not usable: " + e, e);
        }
    }

    @Override
    public String name() {
        return "ijava";
    }

    @Override
    public boolean rich() {
        return true;
    }
}
