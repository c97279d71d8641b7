package dev.frontier.exec.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkerProtocolTest {
    @Test
    void everyMessage_roundTripsThroughItsLine() {
        for (WorkerProtocol.Request r :
                new WorkerProtocol.Request[] {
                    new WorkerProtocol.Run("abc123"), new WorkerProtocol.Exit()
                }) {
            assertEquals(Optional.of(r), WorkerProtocol.Request.parse(r.line()));
        }
        for (WorkerProtocol.Reply r :
                new WorkerProtocol.Reply[] {
                    new WorkerProtocol.Ready(),
                    new WorkerProtocol.Done("abc", 812.5),
                    new WorkerProtocol.Failed("abc", "training diverged: loss NaN at epoch 2")
                }) {
            assertEquals(r, WorkerProtocol.Reply.parse(r.line()));
        }
    }

    @Test
    void aMultiLineReason_travelsAsOneLine() {
        WorkerProtocol.Failed f = new WorkerProtocol.Failed("k", "first\nsecond");
        assertEquals("ERR k first second", f.line());
        assertEquals(
                new WorkerProtocol.Failed("k", "first second"),
                WorkerProtocol.Reply.parse(f.line()));
    }

    @Test
    void linesThatAreNoMessage_areNamedAsSuch() {
        assertEquals(Optional.empty(), WorkerProtocol.Request.parse("RUN "));
        assertEquals(Optional.empty(), WorkerProtocol.Request.parse("hello"));
        WorkerProtocol.Failed stray =
                assertInstanceOf(
                        WorkerProtocol.Failed.class,
                        WorkerProtocol.Reply.parse("Loading model..."));
        assertTrue(
                stray.reason().contains("unexpected line from the worker: Loading model..."),
                stray.reason());
        assertInstanceOf(
                WorkerProtocol.Failed.class, WorkerProtocol.Reply.parse("OK abc notanumber"));
    }
}
