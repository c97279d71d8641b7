package dev.frontier.notebook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One display item as Jupyter sends it: the same content in one or more MIME types, always
 * including a {@code text/plain} form that front ends without HTML or images (and logs) show.
 *
 * @param data MIME type to content (base64 for images), in insertion order
 */
public record MimeBundle(Map<String, String> data) {

    /** MIME type of the plain-text form. */
    public static final String TEXT = "text/plain";

    /** MIME type of HTML. */
    public static final String HTML = "text/html";

    /** MIME type of markdown. */
    public static final String MARKDOWN = "text/markdown";

    /** MIME type of a PNG image (content base64-encoded). */
    public static final String PNG = "image/png";

    /** MIME type of an SVG image (content is the XML text). */
    public static final String SVG = "image/svg+xml";

    /** Checks that a plain-text form is present and freezes the map. */
    public MimeBundle {
        Objects.requireNonNull(data, "data");
        if (!data.containsKey(TEXT)) {
            throw new IllegalArgumentException(
                    "a display bundle needs a text/plain form, got only " + data.keySet());
        }
        data.forEach(
                (mime, content) -> Objects.requireNonNull(content, () -> "content of " + mime));
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /**
     * Returns a bundle of plain text only.
     *
     * @param text the text
     * @return the bundle
     */
    public static MimeBundle text(String text) {
        return new MimeBundle(Map.of(TEXT, text));
    }

    /**
     * Returns a bundle with a rich form and its plain-text fallback.
     *
     * @param mime the rich MIME type
     * @param content the rich content
     * @param text the plain-text fallback
     * @return the bundle
     */
    public static MimeBundle of(String mime, String content, String text) {
        var data = new LinkedHashMap<String, String>();
        data.put(TEXT, text);
        data.put(mime, content);
        return new MimeBundle(data);
    }

    /**
     * Returns the plain-text form.
     *
     * @return the text
     */
    public String text() {
        return data.get(TEXT);
    }

    /**
     * Returns true if the bundle has content of this MIME type.
     *
     * @param mime the MIME type
     * @return whether it is present
     */
    public boolean has(String mime) {
        return data.containsKey(mime);
    }
}
