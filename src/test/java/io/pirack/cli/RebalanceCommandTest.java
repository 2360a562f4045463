package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RebalanceCommandTest {

    @Test
    void aFreshRehearsalRackIsAlreadyEvenAndNothingIsRestarted() {
        CliRun run = CliRun.of("rebalance", "--sim", "--wait", "90");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("before: demo/hello: rpi2 2 · rpi3 2 · rpi4 2"), run.out());
        assertTrue(run.out().contains("Already even: nothing to restart."), run.out());
    }

    @Test
    void aWaitOutOfRangeIsRefusedInOneSentence() {
        CliRun run = CliRun.of("rebalance", "--sim", "--wait", "0");
        assertEquals(2, run.exitCode());
        assertEquals("pirack rebalance: --wait must be between 1 and 3600 seconds", run.err().strip());
    }
}
