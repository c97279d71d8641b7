package dev.frontier.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
}
