package dev.frontier.notebook;

/** Where display bundles go: a Jupyter kernel's output area, or a text stream outside a kernel. */
public interface DisplaySink {

    /**
     * Shows one bundle in the current cell's output.
     *
     * @param bundle what to show
     */
    void show(MimeBundle bundle);

    /**
     * Returns a short name of the sink, e.g. {@code jjava} or {@code text}.
     *
     * @return the name
     */
    String name();

    /**
     * Returns true if the sink renders rich MIME types (HTML, images); false if only text is shown.
     *
     * @return whether rich output is rendered
     */
    boolean rich();
}
