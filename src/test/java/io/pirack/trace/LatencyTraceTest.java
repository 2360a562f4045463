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

    @Test
    void aNodeLineCarriesTheStampAndVersionOfItsOwnStoreChangeNotTheStoreAsItIsWhenTheCallbackReturns() {
        LatencyTrace trace = new LatencyTrace();
        // The store took the change as version 7 at t=100 and signalled the builder, which built the
        // frame at once on another core; meanwhile other threads moved the store on to version 9.
        trace.stored(100, 7);
        assertEquals("N 50 100 7 42 rpi4", trace.nodeLine(50, 9, "42", "rpi4"));
        // A second line without a store change of its own does not reuse the first one's stamp.
        String again = trace.nodeLine(60, 9, "43", "rpi4");
        assertEquals(true, again.endsWith(" 9 43 rpi4") && !again.contains(" 100 "), again);
    }
}
