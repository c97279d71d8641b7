package dev.frontier.notebook;

import java.io.PrintStream;
import java.util.Objects;

/** Prints the plain-text form of every bundle: the fallback outside a Jupyter kernel. */
final class TextSink implements DisplaySink {

    private final PrintStream out;

    TextSink(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void show(MimeBundle bundle) {
        out.println(bundle.text());
        out.flush();
    }

    @Override
    public String name() {
        return "text";
    }

    @Override
    public boolean rich() {
        return false;
    }
}
