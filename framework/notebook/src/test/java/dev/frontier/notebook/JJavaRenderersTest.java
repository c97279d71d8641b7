package dev.frontier.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class JJavaRenderersTest {

    private static Table table() {
        return Table.create(
                "trials",
                StringColumn.create("trial", "baseline", "q8"),
                DoubleColumn.create("accuracy", 0.91, 0.905));
    }

    private static XYChart chart() {
        XYChart chart = new XYChartBuilder().width(200).height(120).title("acc vs size").build();
        chart.addSeries("trials", new double[] {1, 2}, new double[] {0.9, 0.8});
        return chart;
    }

    @Test
    void bundle_tableIsHtml_chartIsPng_otherValuesHaveNone() {
        MimeBundle table = JJavaRenderers.bundle(table()).orElseThrow();
        assertTrue(
                table.data().get(MimeBundle.HTML).contains("<td>q8</td>"), table.data().toString());
        assertTrue(table.text().contains("q8"), table.text());
        MimeBundle chart = JJavaRenderers.bundle(chart()).orElseThrow();
        byte[] png = Base64.getDecoder().decode(chart.data().get(MimeBundle.PNG));
        assertEquals(List.of(0x89, 0x50, 0x4E, 0x47), magic(png));
        assertTrue(JJavaRenderers.bundle("a string").isEmpty());
    }

    /**
     * Registers the renderers with the real JJava {@code Renderer} from the jar {@code ./frontier
     * setup notebooks} installed (or, where it has not run, from the pinned wheel installed with
     * {@code pip --no-deps} into target/, in seconds; never skipped) and renders a table, a chart
     * subclass and a string through it, as the kernel does with a cell's value.
     */
    @Test
    void realJJavaRenderer_showsTableAsHtmlAndChartAsPng() throws Exception {
        Path jar = jjavaJar();
        try (var loader =
                new URLClassLoader(
                        new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> rendererClass =
                    loader.loadClass("org.dflib.jjava.jupyter.kernel.display.Renderer");
            Object renderer = rendererClass.getConstructor().newInstance();
            assertEquals(List.of(Table.class, Chart.class), JJavaRenderers.register(renderer));

            Class<?> mimeClass =
                    loader.loadClass("org.dflib.jjava.jupyter.kernel.display.mime.MIMEType");
            var render = rendererClass.getMethod("render", Object.class);

            Object tableData = render.invoke(renderer, table());
            String html = (String) data(tableData, mimeClass, MimeBundle.HTML);
            assertTrue(html.startsWith("<") && html.contains("<td>baseline</td>"), html);
            assertTrue(((String) data(tableData, mimeClass, MimeBundle.TEXT)).contains("baseline"));

            Object chartData = render.invoke(renderer, chart());
            byte[] png =
                    Base64.getDecoder().decode((String) data(chartData, mimeClass, MimeBundle.PNG));
            assertEquals(List.of(0x89, 0x50, 0x4E, 0x47), magic(png));
            String chartText = (String) data(chartData, mimeClass, MimeBundle.TEXT);
            assertTrue(chartText.startsWith("[chart] acc vs size"), chartText);

            Object stringData = render.invoke(renderer, "plain");
            assertNull(data(stringData, mimeClass, MimeBundle.HTML));
            assertEquals("plain", data(stringData, mimeClass, MimeBundle.TEXT));
        }
    }

    private static List<Integer> magic(byte[] png) {
        return List.of(png[0] & 0xFF, png[1] & 0xFF, png[2] & 0xFF, png[3] & 0xFF);
    }

    private static Object data(Object displayData, Class<?> mimeClass, String mime)
            throws Exception {
        Object type = mimeClass.getMethod("parse", String.class).invoke(null, mime);
        return displayData.getClass().getMethod("getData", mimeClass).invoke(displayData, type);
    }

    private static Path jjavaJar() throws Exception {
        String explicit = System.getProperty("frontier.jjava.jar");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        Path repo = Path.of(System.getProperty("frontier.repo", "../.."));
        Path installed = repo.resolve("notebooks/.venv/share/jupyter/kernels/java/jjava.jar");
        if (Files.isRegularFile(installed)) {
            return installed;
        }
        // the pin lives once, in the setup script
        String pin =
                Files.readAllLines(repo.resolve("notebooks/setup.sh")).stream()
                        .filter(l -> l.startsWith("JJAVA_PIN="))
                        .map(l -> l.substring("JJAVA_PIN=".length()).trim())
                        .findFirst()
                        .orElseThrow(
                                () -> new AssertionError("no JJAVA_PIN= in notebooks/setup.sh"));
        Path venv = Path.of("target", "jjava-venv").toAbsolutePath();
        Path jar = venv.resolve("share/jupyter/kernels/java/jjava.jar");
        if (!Files.isRegularFile(jar)) {
            run("python3", "-m", "venv", venv.toString());
            run(venv.resolve("bin/pip").toString(), "install", "-q", "--no-deps", pin);
        }
        assertTrue(Files.isRegularFile(jar), pin + " installed no " + jar);
        return jar;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(
                0,
                p.waitFor(),
                String.join(" ", command)
                        + " failed (JJava comes from PyPI; python3-venv and a reachable package index"
                        + " are needed once): "
                        + out);
    }
}
