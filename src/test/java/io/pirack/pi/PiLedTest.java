package io.pirack.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.SshRemoteShell;
import io.pirack.testing.OpenSshServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PiLedTest {

    @RegisterExtension
    static final OpenSshServer PI = new OpenSshServer();

    private Path sys;
    private PiLed led;

    @BeforeEach
    void fakeSysfs() throws IOException {
        sys = PI.stateDir().resolve("sys");
        SshRemoteShell shell = PI.trustingShell();
        led = new PiLed(shell, sys.toString(), Duration.ofSeconds(5));
    }

    private Path ledWithTrigger(String name, String fixture) throws IOException {
        Path dir = Files.createDirectories(sys.resolve("class/leds").resolve(name));
        try (InputStream in = getClass().getResourceAsStream("/fixtures/pi/" + fixture)) {
            Files.write(dir.resolve("trigger"), in.readAllBytes());
        }
        return dir;
    }

    @Test
    void actLedBlinksAndGetsItsTriggerBack() throws Exception {
        Path act = ledWithTrigger("ACT", "leds-ACT-trigger.cm3.txt");
        PiLed.Blink blink = led.identify(PI.target());
        assertEquals(new PiLed.Blink("ACT", "heartbeat"), blink);
        assertEquals("timer", Files.readString(act.resolve("trigger")));
        assertEquals("200", Files.readString(act.resolve("delay_on")));
        assertEquals("200", Files.readString(act.resolve("delay_off")));
        led.stop(PI.target(), blink);
        assertEquals("heartbeat", Files.readString(act.resolve("trigger")));
        assertEquals(List.of(
                List.of("sudo", "-n", "tee", act.resolve("trigger").toString()),
                List.of("sudo", "-n", "tee", act.resolve("delay_on").toString()),
                List.of("sudo", "-n", "tee", act.resolve("delay_off").toString()),
                List.of("sudo", "-n", "tee", act.resolve("trigger").toString())), PI.calls("sudo"));
    }

    @Test
    void olderKernelsLed0IsUsedWhenThereIsNoAct() throws Exception {
        Path led0 = ledWithTrigger("led0", "leds-led0-trigger.pi4.txt");
        PiLed.Blink blink = led.identify(PI.target());
        assertEquals(new PiLed.Blink("led0", "mmc0"), blink);
        led.stop(PI.target(), blink);
        assertEquals("mmc0", Files.readString(led0.resolve("trigger")));
    }

    @Test
    void aPiWithoutTheLedSaysSo() {
        RemoteCommandException e = assertThrows(RemoteCommandException.class, () -> led.identify(PI.target()));
        assertEquals("test-pi has no ACT or led0 LED under " + sys + "/class/leds.", e.getMessage());
    }

    @Test
    void sudoWantingAPasswordIsReportedAsSuch() throws Exception {
        ledWithTrigger("ACT", "leds-ACT-trigger.cm3.txt");
        PI.requireSudoPassword();
        RemoteCommandException e = assertThrows(RemoteCommandException.class, () -> led.identify(PI.target()));
        assertEquals(RemoteCommandException.Kind.SUDO_PASSWORD_REQUIRED, e.kind());
    }

    @Test
    void aSavedTriggerThatIsNotAPlainWordIsNeverWrittenBack() {
        assertThrows(RemoteCommandException.class, () -> led.stop(PI.target(), new PiLed.Blink("ACT", "x; reboot")));
        assertThrows(RemoteCommandException.class, () -> led.stop(PI.target(), new PiLed.Blink("../../etc", "mmc0")));
    }

    @Test
    void sysfsRootMustBeAPlainAbsolutePath() {
        assertThrows(IllegalArgumentException.class, () -> new PiLed(PI.trustingShell(), "/sys;reboot", Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new PiLed(PI.trustingShell(), "/tmp/../etc", Duration.ofSeconds(1)));
    }
}
