package dev.frontier.notebook;

/** Markdown display: rendered by Jupyter front ends, shown as is in text output. */
public final class Markdown {

    private Markdown() {}

    /**
     * Returns markdown text as a bundle whose plain-text form is the same text.
     *
     * @param markdown the markdown
     * @return the bundle
     */
    public static MimeBundle of(String markdown) {
        return MimeBundle.of(MimeBundle.MARKDOWN, markdown, markdown);
    }
}
