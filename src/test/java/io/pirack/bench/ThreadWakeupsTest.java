package io.pirack.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadWakeupsTest {

    private static final String STATUS = "Name:\tcluster-health\nState:\tS (sleeping)\n"
            + "voluntary_ctxt_switches:\t1200\nnonvoluntary_ctxt_switches:\t7\n";
    private static final String STAT = "4242 (cluster-health) S 1 2 3 4 5 6 7 8 9 10 31 4 0 0 20 0 1 0";

    @Test
    void aStatusFileGivesBothCountersAndTheStatFileTheCpu() {
        assertEquals(new ThreadWakeups.Switches(1200, 7, 35), ThreadWakeups.parse(STATUS, STAT));
    }

    @Test
    void threadsOfOneNameAreSummedAndANewThreadCountsFromZero() {
        var before = Map.of(
                1L, new ThreadWakeups.Named("pool", new ThreadWakeups.Switches(10, 1, 2)),
                2L, new ThreadWakeups.Named("timer", new ThreadWakeups.Switches(100, 0, 5)));
        var after = Map.of(
                1L, new ThreadWakeups.Named("pool", new ThreadWakeups.Switches(15, 1, 3)),
                2L, new ThreadWakeups.Named("timer", new ThreadWakeups.Switches(700, 2, 9)),
                3L, new ThreadWakeups.Named("pool", new ThreadWakeups.Switches(4, 0, 1)));

        Map<String, Object> rows = ThreadWakeups.between(before, after);

        assertEquals(List.of("timer", "pool", "total"), List.copyOf(rows.keySet()), "most wake-ups first, the total last");
        assertEquals(Map.of("voluntary", 600L, "nonvoluntary", 2L, "cpu_ms", 40L, "threads", 1), rows.get("timer"));
        assertEquals(Map.of("voluntary", 9L, "nonvoluntary", 0L, "cpu_ms", 20L, "threads", 2), rows.get("pool"));
        assertEquals(Map.of("voluntary", 609L, "nonvoluntary", 2L, "cpu_ms", 60L, "threads", 3), rows.get("total"));
    }
}
