package dev.frontier.notebook;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.UUID;

/**
 * Sends bundles to rapaio-jupyter-kernel (3.x) through its own API, found by reflection: a {@code
 * org.rapaio.jupyter.kernel.display.DisplayData} is filled with every MIME form and published with
 * {@code MainApp.kernel.display(...)} — what the kernel's {@code display(...)} function does after
 * rendering, but with all forms in one message instead of one.
 */
final class RapaioSink implements DisplaySink {

    static final String MAIN = "org.rapaio.jupyter.kernel.MainApp";
    private static final String DISPLAY_DATA = "org.rapaio.jupyter.kernel.display.DisplayData";

    private final Object kernel;
    private final Method fromText;
    private final Method putData;
    private final Method setDisplayId;
    private final Method display;

    private RapaioSink(
            Object kernel, Method fromText, Method putData, Method setDisplayId, Method display) {
        this.kernel = kernel;
        this.fromText = fromText;
        this.putData = putData;
        this.setDisplayId = setDisplayId;
        this.display = display;
    }

    /**
     * Binds to the kernel visible from {@code loader}; throws if it is not there or its API
     * differs.
     */
    static RapaioSink bind(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> main = Class.forName(MAIN, true, loader);
        Field kernelField = main.getField("kernel");
        Object kernel = kernelField.get(null);
        if (kernel == null) {
            throw new IllegalStateException(MAIN + ".kernel is null");
        }
        Class<?> data = Class.forName(DISPLAY_DATA, true, loader);
        return new RapaioSink(
                kernel,
                data.getMethod("fromText", String.class),
                data.getMethod("putData", String.class, Object.class),
                data.getMethod("setDisplayId", String.class),
                kernel.getClass().getMethod("display", data));
    }

    @Override
    public void show(MimeBundle bundle) {
        try {
            Object dd = fromText.invoke(null, bundle.text());
            for (var entry : bundle.data().entrySet()) {
                putData.invoke(dd, entry.getKey(), entry.getValue());
            }
            setDisplayId.invoke(dd, UUID.randomUUID().toString());
            display.invoke(kernel, dd);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "rapaio-jupyter-kernel failed to display: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(
                    "rapaio-jupyter-kernel display API not accessible: " + e, e);
        }
    }

    @Override
    public String name() {
        return "rapaio-jupyter-kernel";
    }

    @Override
    public boolean rich() {
        return true;
    }
}
