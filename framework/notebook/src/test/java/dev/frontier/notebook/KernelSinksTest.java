package dev.frontier.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.MainApp;

class KernelSinksTest {

    @Test
    void detect_withoutKernelClasses_printsPlainText() {
        var bytes = new ByteArrayOutputStream();
        DisplaySink sink =
                KernelSinks.detect(
                        new ClassLoader(null) {},
                        new PrintStream(bytes, true, StandardCharsets.UTF_8));
        sink.show(MimeBundle.of(MimeBundle.HTML, "<b>x</b>", "x as text"));
        assertEquals("text", sink.name());
        assertFalse(sink.rich());
        assertEquals("x as text\n", bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    @Test
    void detect_withRapaioKernel_publishesEveryMimeFormInOneMessage() {
        DisplaySink sink = KernelSinks.detect(getClass().getClassLoader(), System.out);
        assertEquals("rapaio-jupyter-kernel", sink.name());
        int before = MainApp.kernel.shown.size();
        sink.show(MimeBundle.of(MimeBundle.PNG, "iVBORw0KGgo=", "[chart] t"));
        var dd = MainApp.kernel.shown.get(before);
        assertEquals("[chart] t", dd.data.get("text/plain"));
        assertEquals("iVBORw0KGgo=", dd.data.get("image/png"));
        assertTrue(dd.id != null && !dd.id.isBlank(), "a display id is set");
    }
}
