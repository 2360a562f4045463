package io.pirack.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.preflight.PreflightInputs.DeadManSwitch;
import io.pirack.testing.OpenSshServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The preflight's dead-man check through a real OpenSSH server with the sudo and systemd-run stand-ins. */
class DeadManProbeTest {

    @RegisterExtension
    static final OpenSshServer PI = new OpenSshServer();

    @Test
    void passwordlessSystemdRunIsAvailableAndArmsAHarmlessTimerOfItsOwn() throws Exception {
        DeadManSwitch result = new DeadManProbe(PI.trustingShell(), Duration.ofSeconds(10)).check("rpi2", PI.target());

        assertTrue(result.available(), result.detail());
        assertEquals(List.of("/bin/true"), PI.timerCommand("pirack-preflight-rpi2"));
    }

    @Test
    void aSecondCheckBeforeTheFirstTimerFiredStillCountsAsAvailable() throws Exception {
        DeadManProbe probe = new DeadManProbe(PI.trustingShell(), Duration.ofSeconds(10));
        probe.check("rpi2", PI.target());
        assertTrue(probe.check("rpi2", PI.target()).available());
    }

    @Test
    void sudoThatWantsAPasswordIsNotAvailableWithTheReason() throws Exception {
        PI.requireSudoPassword();
        DeadManSwitch result = new DeadManProbe(PI.trustingShell(), Duration.ofSeconds(10)).check("rpi2", PI.target());

        assertFalse(result.available());
        assertTrue(result.detail().contains("wants a password"), result.detail());
        assertTrue(PI.calls("systemd-run").isEmpty());
    }
}
