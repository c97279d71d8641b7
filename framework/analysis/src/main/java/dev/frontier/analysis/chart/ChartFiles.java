package dev.frontier.analysis.chart;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The two files a saved chart was written to.
 *
 * @param png the bitmap, for notebooks and the HTML report
 * @param svg the vector image, for papers and slides
 */
public record ChartFiles(Path png, Path svg) {

    /** Checks both paths are present. */
    public ChartFiles {
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(svg, "svg");
    }
}
