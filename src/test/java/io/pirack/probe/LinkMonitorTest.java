package io.pirack.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.rack.LinkState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Found by the virtual Pi lab (30 % loss on one Pi): the link LED went dark at every lost SYN. A lit
 * link now goes dark only when the miss is confirmed; a pulled cable still goes dark within 1 s.
 */
class LinkMonitorTest {

    /** Answers from a script, one per connect attempt; counts the attempts. */
    private static final class ScriptedProbe implements TcpProbe {
        private final Deque<Boolean> answers = new ArrayDeque<>();
        int attempts;

        ScriptedProbe answer(boolean... script) {
            for (boolean b : script) {
                answers.add(b);
            }
            return this;
        }

        @Override
        public boolean reachable(String host, int port, Duration timeout) {
            attempts++;
            return answers.isEmpty() ? false : answers.poll();
        }
    }

    private final LinkMonitor monitor = new LinkMonitor(Clock.systemUTC());
    private final List<LinkState> changes = new CopyOnWriteArrayList<>();

    private void lit(String node) {
        monitor.report(node, true);
        monitor.addListener(changes::add);
    }

    @Test
    void aLostSynOnALitLinkIsConfirmedAndTheLedStaysLit() {
        lit("rpi3");
        // The interval's probe is lost, the first confirmation's three connects are lost, one of the second's answers.
        ScriptedProbe lossy = new ScriptedProbe().answer(false, false, false, false, false, true);
        monitor.check("rpi3", "10.77.0.13", 22, lossy);
        assertEquals(List.of(), changes, "the LED flickered on a lossy link");
        assertEquals(Boolean.TRUE, monitor.states().get("rpi3").up());
    }

    @Test
    void aLinkThatAnswersNothingGoesDarkAfterTheConfirmationsOfOneCheck() {
        lit("rpi3");
        ScriptedProbe pulled = new ScriptedProbe();
        monitor.check("rpi3", "10.77.0.13", 22, pulled);
        assertEquals(1, changes.size());
        assertEquals(Boolean.FALSE, changes.get(0).up());
        assertEquals(1 + (LinkMonitor.MISSES_TO_DARK - 1) * LinkMonitor.CONFIRM_ATTEMPTS, pulled.attempts,
                "one probe, then the confirmations, all in the same check");
    }

    @Test
    void aDarkLinkStaysDarkWithoutConfirmingAndLightsAtItsFirstAnswer() {
        monitor.report("rpi3", false);
        monitor.addListener(changes::add);
        ScriptedProbe still = new ScriptedProbe();
        monitor.check("rpi3", "10.77.0.13", 22, still);
        assertEquals(1, still.attempts, "a dark link is not re-confirmed");
        monitor.check("rpi3", "10.77.0.13", 22, new ScriptedProbe().answer(true));
        assertEquals(1, changes.size());
        assertEquals(Boolean.TRUE, changes.get(0).up());
    }

    @Test
    void theWorstCaseFromCablePullToDarkLedStaysUnderOneSecond() {
        // Pulled right after an answer: the next interval's probe and its confirmations, each at most one timeout.
        Duration worst = LinkMonitor.PROBE_INTERVAL.plus(LinkMonitor.PROBE_TIMEOUT.multipliedBy(LinkMonitor.MISSES_TO_DARK));
        assertTrue(worst.compareTo(Duration.ofSeconds(1)) < 0, "worst case " + worst);
    }

    @Test
    void theRealProbeSendsItsConfirmationsTogether() throws IOException {
        TcpProbe real = TcpProbe.socket();
        try (ServerSocket open = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            assertTrue(real.anyReachable("127.0.0.1", open.getLocalPort(), Duration.ofSeconds(2), 3), "an open port answers");
        }
        int closed;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = gone.getLocalPort();
        }
        assertEquals(false, real.anyReachable("127.0.0.1", closed, Duration.ofSeconds(2), 3), "a closed port does not");
    }
}
