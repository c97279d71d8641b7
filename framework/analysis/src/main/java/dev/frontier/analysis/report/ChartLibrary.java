package dev.frontier.analysis.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * The charting library the report inlines: Apache ECharts' {@code dist/echarts.min.js}, read from
 * its WebJar on the classpath (the Maven dependency {@code org.webjars.npm:echarts}), so a report
 * page loads nothing from outside its own file.
 */
final class ChartLibrary {

    static final String WEBJAR_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";

    private ChartLibrary() {}

    /** Returns the library's version, e.g. {@code 5.3.1}, from the WebJar's pom.properties. */
    static String version() {
        var properties = new Properties();
        try (InputStream in = open(WEBJAR_POM)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + WEBJAR_POM, e);
        }
        String version = properties.getProperty("version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException(WEBJAR_POM + " names no version");
        }
        return version.strip();
    }

    /**
     * Returns the library's minified script, ready to sit inside a {@code <script>} element.
     *
     * @throws IllegalStateException if the WebJar is not on the classpath, or the script holds text
     *     that would end the element early
     */
    static String script() {
        String resource =
                "META-INF/resources/webjars/echarts/" + version() + "/dist/echarts.min.js";
        String text;
        try (InputStream in = open(resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return inlinable(resource, text);
    }

    private static String inlinable(String resource, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("</script") || lower.contains("<!--")) {
            throw new IllegalStateException(
                    resource + " contains '</script' or '<!--' and cannot be inlined as it is");
        }
        return text;
    }

    private static InputStream open(String resource) {
        InputStream in = ChartLibrary.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(
                    resource
                            + " is not on the classpath: the report's chart needs the WebJar"
                            + " org.webjars.npm:echarts (a dependency of frontier-analysis)");
        }
        return in;
    }

    /** Returns a text resource that lives beside this class, e.g. {@code explorer.js}. */
    static String sibling(String name) {
        try (InputStream in = ChartLibrary.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        "resource " + name + " missing beside " + ChartLibrary.class.getName());
            }
            return inlinable(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
