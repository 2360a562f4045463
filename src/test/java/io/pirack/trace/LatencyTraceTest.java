package io.pirack.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

class LatencyTraceTest {

    /** A writer that says when a batch was flushed. */
    private static final class FlushedWriter extends StringWriter {
        private final CountDownLatch flushes;

        FlushedWriter(int expected) {
            flushes = new CountDownLatch(expected);
        }

        @Override
        public void flush() {
            super.flush();
            flushes.countDown();
        }

        boolean awaitFlushes() throws InterruptedException {
            return flushes.await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aStampIsInTheFileAsSoonAsItIsWrittenAndTheIdleWriterWaitsWithoutATimer() throws Exception {
        LatencyTrace trace = new LatencyTrace();
        FlushedWriter out = new FlushedWriter(1);
        Thread writer = trace.writeTo(out);
        try {
            trace.record("A 1 7");
            assertEquals(true, out.awaitFlushes(), "the first stamp was never flushed");
            assertEquals("A 1 7\n", out.toString());
            // Idle: blocked on the queue (WAITING), not sleeping between polls (TIMED_WAITING).
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> writer.getState() == Thread.State.WAITING);
        } finally {
            writer.interrupt();
        }
    }

    @Test
    void stampsQueuedTogetherAreWrittenInOrder() throws Exception {
        LatencyTrace trace = new LatencyTrace();
        FlushedWriter out = new FlushedWriter(1);
        trace.record("P 1");
        trace.record("L 2");
        trace.record("R 3");
        trace.drain(out);
        assertEquals(true, out.awaitFlushes());
        assertEquals("P 1\nL 2\nR 3\n", out.toString());
    }
}
