package dev.frontier.notebook;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Registers Frontier's renderers with JJava's display {@code Renderer} (found by reflection, so
 * there is no compile-time dependency on the kernel): a Tablesaw {@link Table} shows as an HTML
 * table (its first {@value TableView#DEFAULT_MAX_ROWS} rows) and an XChart chart as a PNG image,
 * both with a plain-text form, whether it is a cell's value or passed to JJava's {@code
 * display(...)}. {@link Notebook#detect()} registers them when it finds JJava.
 */
public final class JJavaRenderers {

    static final String RENDER_FUNCTION = "org.dflib.jjava.jupyter.kernel.display.RenderFunction";

    private JJavaRenderers() {}

    /**
     * Registers the renderers for tables and charts with a JJava {@code Renderer}.
     *
     * @param renderer an {@code org.dflib.jjava.jupyter.kernel.display.Renderer}, e.g. the kernel's
     *     {@code getRenderer()}
     * @return the types registered, in order
     * @throws ReflectiveOperationException if the object is not a JJava renderer of the known API
     */
    public static List<Class<?>> register(Object renderer) throws ReflectiveOperationException {
        Objects.requireNonNull(renderer, "renderer");
        Class<?> renderFunction =
                Class.forName(RENDER_FUNCTION, true, renderer.getClass().getClassLoader());
        List<Class<?>> types = new ArrayList<>();
        register(renderer, renderFunction, Table.class, MimeBundle.HTML);
        types.add(Table.class);
        register(renderer, renderFunction, Chart.class, MimeBundle.PNG);
        types.add(Chart.class);
        return types;
    }

    /**
     * Returns what a value shows as: an HTML table for a Tablesaw table, a PNG for an XChart chart,
     * empty for anything else.
     *
     * @param value the value
     * @return its bundle, or empty
     */
    public static Optional<MimeBundle> bundle(Object value) {
        if (value instanceof Table table) {
            return Optional.of(TableView.of(table, TableView.DEFAULT_MAX_ROWS));
        }
        if (value instanceof Chart<?, ?> chart) {
            return Optional.of(ChartView.png(chart));
        }
        return Optional.empty();
    }

    /** Puts every form of {@code bundle} into a JJava {@code DisplayData} and returns it. */
    static Object fill(Object displayData, Method putData, MimeBundle bundle)
            throws ReflectiveOperationException {
        for (var entry : bundle.data().entrySet()) {
            putData.invoke(displayData, entry.getKey(), entry.getValue());
        }
        return displayData;
    }

    private static void register(
            Object renderer, Class<?> renderFunction, Class<?> type, String mime)
            throws ReflectiveOperationException {
        Object registration =
                renderer.getClass()
                        .getMethod("createRegistration", Class.class)
                        .invoke(renderer, type);
        Class<?> rc = registration.getClass();
        rc.getMethod("preferring", String[].class)
                .invoke(registration, (Object) new String[] {mime});
        rc.getMethod("supporting", String[].class)
                .invoke(registration, (Object) new String[] {mime, MimeBundle.TEXT});
        Object function =
                Proxy.newProxyInstance(
                        renderFunction.getClassLoader(),
                        new Class<?>[] {renderFunction},
                        new RenderHandler(type));
        rc.getMethod("register", renderFunction).invoke(registration, function);
    }

    /** The render function: {@code render(value, context)} fills the context's output container. */
    private static final class RenderHandler implements InvocationHandler {

        private final Class<?> type;

        RenderHandler(Class<?> type) {
            this.type = type;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "Frontier renderer for " + type.getName();
                case "render":
                    render(args[0], args[1]);
                    return null;
                default:
                    throw new UnsupportedOperationException(method.toString());
            }
        }

        private static void render(Object value, Object context) throws Throwable {
            MimeBundle bundle =
                    bundle(value)
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "no Frontier renderer for "
                                                            + value.getClass().getName()));
            try {
                Object out = context.getClass().getMethod("getOutputContainer").invoke(context);
                fill(out, out.getClass().getMethod("putData", String.class, Object.class), bundle);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
