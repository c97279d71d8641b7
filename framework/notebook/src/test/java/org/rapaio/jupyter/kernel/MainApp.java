package org.rapaio.jupyter.kernel;

import java.util.ArrayList;
import java.util.List;
import org.rapaio.jupyter.kernel.display.DisplayData;

/** Test stand-in for rapaio-jupyter-kernel's entry point: records what would be published. */
public class MainApp {
    /** The stand-in kernel, as the real class exposes it. */
    public static final Kernel kernel = new Kernel();

    /** Records displayed data. */
    public static final class Kernel {
        /** Everything displayed so far. */
        public final List<DisplayData> shown = new ArrayList<>();

        /** Same signature as the real kernel's display. */
        public void display(DisplayData dd) {
            shown.add(dd);
        }
    }
}
