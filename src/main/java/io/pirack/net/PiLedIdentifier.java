package io.pirack.net;

import io.pirack.core.net.LedBlink;
import io.pirack.core.net.LedTriggers;
import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import java.time.Duration;
import java.util.List;

/**
 * "Identify": blinks a Pi's green ACT LED so the presenter can match boards to slots. Saves the
 * active trigger, sets {@code timer}, and schedules the restore on the Pi itself (systemd-run), so
 * the LED goes back even if the laptop disconnects; {@link #restore} puts it back at once.
 */
public final class PiLedIdentifier {

    /** Newer kernels name the LED ACT, older ones led0. */
    static final List<String> LED_DIRS = List.of("/sys/class/leds/ACT", "/sys/class/leds/led0");
    /** Writes $1 into the file $2; constant script, values as positional arguments. */
    static final String WRITE_SCRIPT = "printf '%s\\n' \"$1\" > \"$2\"";
    static final String BLINK_TRIGGER = "timer";

    /** What {@link #blink} changed, for {@link #restore}. */
    private final RemoteShell shell;
    private final Duration timeout;

    public PiLedIdentifier(RemoteShell shell, Duration timeout) {
        this.shell = shell;
        this.timeout = timeout;
    }

    static RemoteCommand write(String value, String file) {
        return RemoteCommand.sudo("/bin/sh", "-c", WRITE_SCRIPT, "pirack-led", value, file);
    }

    static RemoteCommand scheduledRestore(LedBlink blink, Duration after) {
        return RemoteCommand.sudo("systemd-run", "--collect", "--quiet", "--on-active=" + Math.max(1, after.toSeconds()),
                "/bin/sh", "-c", WRITE_SCRIPT, "pirack-led", blink.savedTrigger(), blink.ledDir() + "/trigger");
    }

    /** Starts blinking for {@code duration}, after which the Pi restores the LED on its own. */
    public LedBlink blink(SshTarget target, Duration duration) throws RemoteCommandException {
        for (String dir : LED_DIRS) {
            CommandResult read = shell.run(target, RemoteCommand.of("cat", dir + "/trigger"), timeout);
            if (!read.ok()) {
                continue;
            }
            LedTriggers triggers = LedTriggers.parse(read.stdout());
            if (!triggers.offers(BLINK_TRIGGER)) {
                throw new RemoteCommandException(RemoteCommandException.Kind.OTHER, target.alias() + ": the LED at " + dir
                        + " has no timer trigger");
            }
            LedBlink blink = new LedBlink(dir, triggers.active().orElse("none"));
            check(target, shell.run(target, scheduledRestore(blink, duration), timeout), "schedule the LED restore");
            check(target, shell.run(target, write(BLINK_TRIGGER, dir + "/trigger"), timeout), "start blinking");
            return blink;
        }
        throw new RemoteCommandException(RemoteCommandException.Kind.OTHER, target.alias() + ": no ACT or led0 LED in /sys/class/leds");
    }

    public void restore(SshTarget target, LedBlink blink) throws RemoteCommandException {
        check(target, shell.run(target, write(blink.savedTrigger(), blink.ledDir() + "/trigger"), timeout), "restore the LED");
    }

    private static void check(SshTarget target, CommandResult result, String what) throws RemoteCommandException {
        if (!result.ok()) {
            throw new RemoteCommandException(RemoteCommandException.Kind.OTHER, target.alias() + ": could not " + what + " (exit "
                    + result.exitCode() + "): " + result.stderr().strip());
        }
    }
}
