package dev.frontier.notebook;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Sends bundles to JJava (org.dflib.jjava, IJava's maintained successor) through its API, found by
 * reflection: a {@code org.dflib.jjava.jupyter.kernel.display.DisplayData} with every MIME form,
 * published with the running kernel's {@code display(...)}. Binding also registers Frontier's
 * renderers with the kernel ({@link JJavaRenderers}), so a Tablesaw table or an XChart chart as a
 * cell's value shows as HTML or an image.
 */
final class JJavaSink implements DisplaySink {

    static final String KERNEL = "org.dflib.jjava.jupyter.kernel.BaseKernel";
    static final String DISPLAY_DATA = "org.dflib.jjava.jupyter.kernel.display.DisplayData";

    private final Object kernel;
    private final Constructor<?> newData;
    private final Method putData;
    private final Method display;

    private JJavaSink(Object kernel, Constructor<?> newData, Method putData, Method display) {
        this.kernel = kernel;
        this.newData = newData;
        this.putData = putData;
        this.display = display;
    }

    /**
     * Binds to the JJava kernel visible from {@code loader} and registers the renderers; throws if
     * no kernel runs there or its API differs.
     */
    static JJavaSink bind(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> base = Class.forName(KERNEL, true, loader);
        Object kernel = base.getMethod("notebookKernel").invoke(null);
        if (kernel == null) {
            throw new IllegalStateException("no JJava kernel instance");
        }
        Class<?> data = Class.forName(DISPLAY_DATA, true, loader);
        JJavaRenderers.register(base.getMethod("getRenderer").invoke(kernel));
        return new JJavaSink(
                kernel,
                data.getConstructor(String.class),
                data.getMethod("putData", String.class, Object.class),
                base.getMethod("display", data));
    }

    @Override
    public void show(MimeBundle bundle) {
        try {
            display.invoke(
                    kernel,
                    JJavaRenderers.fill(newData.newInstance(bundle.text()), putData, bundle));
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "JJava failed to display: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("JJava display API not usable: " + e, e);
        }
    }

    @Override
    public String name() {
        return "jjava";
    }

    @Override
    public boolean rich() {
        return true;
    }
}
