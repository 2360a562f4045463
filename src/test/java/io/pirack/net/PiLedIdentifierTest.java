package io.pirack.net;

import io.pirack.core.net.LedBlink;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pirack.core.net.Fixtures;
import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.SshTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiLedIdentifierTest {

    private static final SshTarget RPI1 = new SshTarget("rpi1", "192.168.2.101", 22, "pi", null);

    @Test
    void olderKernelLed0BlinksAndTheSavedTriggerIsRestoredOnThePiAndOnRequest() throws Exception {
        List<RemoteCommand> sent = new ArrayList<>();
        PiLedIdentifier identifier = new PiLedIdentifier((target, command, timeout) -> {
            sent.add(command);
            if (command.argv().equals(List.of("cat", "/sys/class/leds/ACT/trigger"))) {
                return new CommandResult(1, "", "cat: /sys/class/leds/ACT/trigger: No such file or directory");
            }
            if (command.argv().get(0).equals("cat")) {
                return new CommandResult(0, Fixtures.text("pi/leds-led0-trigger.pi4.txt"), "");
            }
            return new CommandResult(0, "", "");
        }, Duration.ofSeconds(5));

        LedBlink blink = identifier.blink(RPI1, Duration.ofSeconds(30));
        identifier.restore(RPI1, blink);

        assertEquals(new LedBlink("/sys/class/leds/led0", "mmc0"), blink);
        String write = PiLedIdentifier.WRITE_SCRIPT;
        assertEquals(List.of(
                RemoteCommand.of("cat", "/sys/class/leds/ACT/trigger"),
                RemoteCommand.of("cat", "/sys/class/leds/led0/trigger"),
                RemoteCommand.sudo("systemd-run", "--collect", "--quiet", "--on-active=30", "/bin/sh", "-c", write, "pirack-led", "mmc0",
                        "/sys/class/leds/led0/trigger"),
                RemoteCommand.sudo("/bin/sh", "-c", write, "pirack-led", "timer", "/sys/class/leds/led0/trigger"),
                RemoteCommand.sudo("/bin/sh", "-c", write, "pirack-led", "mmc0", "/sys/class/leds/led0/trigger")), sent);
    }
}
