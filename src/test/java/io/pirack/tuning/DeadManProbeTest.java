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
    void theDeadManHelperAnsweringThroughSudoIsAvailableAndNothingIsArmed() throws Exception {
        DeadManSwitch result = new DeadManProbe(PI.trustingShell(), Duration.ofSeconds(10)).check("rpi2", PI.target());

        assertTrue(result.available(), result.detail());
        assertEquals(List.of(List.of("sudo", "-n", "pirack-deadman", "status", "rpi2")), PI.calls("sudo"));
        assertEquals(List.of(), PI.timerCommand("pirack-deadman-rpi2"));
    }

    @Test
    void sudoThatWantsAPasswordIsNotAvailableWithTheReason() throws Exception {
        PI.requireSudoPassword();
        DeadManSwitch result = new DeadManProbe(PI.trustingShell(), Duration.ofSeconds(10)).check("rpi2", PI.target());

        assertFalse(result.available());
        assertTrue(result.detail().contains("wants a password"), result.detail());
        assertTrue(PI.calls("pirack-deadman").isEmpty());
    }
}
