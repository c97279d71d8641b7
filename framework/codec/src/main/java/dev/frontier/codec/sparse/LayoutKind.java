package dev.frontier.codec.sparse;

/** The kinds of position encoding, with the one-byte id the file format stores. */
public enum LayoutKind {
    /** Every element stored, no index. */
    DENSE(0),
    /** One bit per element marks stored positions. */
    BITMASK(1),
    /** Gaps between stored positions in k-bit fields, with filler entries for long gaps. */
    RELATIVE_INDEX(2);

    private final int id;

    LayoutKind(int id) {
        this.id = id;
    }

    /** The id stored in files. */
    public int id() {
        return id;
    }

    /**
     * The kind with file id {@code id}.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    public static LayoutKind fromId(int id) {
        for (LayoutKind kind : values()) {
            if (kind.id == id) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                "unknown sparse layout id "
                        + id
                        + " (known: 0 dense, 1 bitmask, 2 relative index)");
    }
}
