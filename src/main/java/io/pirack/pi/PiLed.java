package io.pirack.pi;

import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshRemoteShell;
import io.pirack.ssh.SshTarget;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blinks a Pi's green ACT LED so the presenter can find the board in the stack (KNOWLEDGE §5): read
 * {@code /sys/class/leds/ACT/trigger} (or {@code led0} on older kernels) and remember the active
 * trigger (the one in brackets), switch to {@code timer}, and later write the saved trigger back.
 * Writes go through {@code sudo -n tee <file>} from a fixed script that gets the values as
 * positional parameters, so nothing read from the Pi is ever part of a shell line.
 */
public final class PiLed {

    /** LED directory names, newest kernels first. */
    public static final List<String> LED_NAMES = List.of("ACT", "led0");
    static final int BLINK_MILLIS = 200;

    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9/._-]*");
    private static final Pattern ACTIVE_TRIGGER = Pattern.compile("\\[([A-Za-z0-9_:.-]+)]");
    /** Writes "$1" into each following file, as root. Constant text: values only arrive as arguments. */
    private static final String WRITE_SCRIPT =
            "v=$1; shift; for f in \"$@\"; do printf '%s' \"$v\" | sudo -n tee \"$f\" >/dev/null || exit $?; done";

    private final RemoteShell shell;
    private final String sysfsRoot;
    private final Duration timeout;

    /** @param sysfsRoot {@code /sys} on a real Pi; a temporary directory in tests */
    public PiLed(RemoteShell shell, String sysfsRoot, Duration timeout) {
        this.shell = Objects.requireNonNull(shell);
        if (!SAFE_PATH.matcher(sysfsRoot).matches() || sysfsRoot.contains("..")) {
            throw new IllegalArgumentException("sysfs root '" + sysfsRoot + "' must be a plain absolute path");
        }
        this.sysfsRoot = sysfsRoot.endsWith("/") && sysfsRoot.length() > 1 ? sysfsRoot.substring(0, sysfsRoot.length() - 1) : sysfsRoot;
        this.timeout = Objects.requireNonNull(timeout);
    }

    /** What {@link #identify} changed, so {@link #stop} can put it back. */
    public record Blink(String led, String savedTrigger) {}

    /** Starts blinking; keep the result and call {@link #stop} after a few seconds. */
    public Blink identify(SshTarget target) throws RemoteCommandException {
        for (String led : LED_NAMES) {
            CommandResult read = shell.run(target, RemoteCommand.of("cat", triggerFile(led)), timeout);
            if (read.ok()) {
                String saved = activeTrigger(read.stdout(), target);
                write(target, "timer", triggerFile(led));
                write(target, Integer.toString(BLINK_MILLIS), ledDir(led) + "/delay_on", ledDir(led) + "/delay_off");
                return new Blink(led, saved);
            }
        }
        throw new RemoteCommandException(RemoteCommandException.Kind.OTHER,
                target.alias() + " has no ACT or led0 LED under " + sysfsRoot + "/class/leds.");
    }

    /** Writes the saved trigger back. */
    public void stop(SshTarget target, Blink blink) throws RemoteCommandException {
        if (!LED_NAMES.contains(blink.led()) || !blink.savedTrigger().matches("[A-Za-z0-9_:.-]+")) {
            throw new RemoteCommandException(RemoteCommandException.Kind.INVALID_ARGUMENT, "not a saved LED state: " + blink);
        }
        write(target, blink.savedTrigger(), triggerFile(blink.led()));
    }

    /** Exactly the commands run with sudo, for the sudoers snippet. */
    public List<RemoteCommand> sudoCommands(String led) {
        return List.of(RemoteCommand.sudo("tee", triggerFile(led)), RemoteCommand.sudo("tee", ledDir(led) + "/delay_on"),
                RemoteCommand.sudo("tee", ledDir(led) + "/delay_off"));
    }

    static String activeTriggerOf(String triggerText) {
        Matcher active = ACTIVE_TRIGGER.matcher(triggerText);
        return active.find() ? active.group(1) : null;
    }

    private static String activeTrigger(String text, SshTarget target) throws RemoteCommandException {
        String active = activeTriggerOf(text);
        if (active == null) {
            throw new RemoteCommandException(RemoteCommandException.Kind.OTHER,
                    "Could not tell the LED's current trigger on " + target.alias() + " from: " + text.strip());
        }
        return active;
    }

    private void write(SshTarget target, String value, String... files) throws RemoteCommandException {
        List<String> argv = new java.util.ArrayList<>(List.of("sh", "-c", WRITE_SCRIPT, "sh", value));
        argv.addAll(List.of(files));
        CommandResult result = shell.run(target, new RemoteCommand(argv, false), timeout);
        if (!result.ok()) {
            boolean password = SshRemoteShell.sudoWantsPassword(result.stderr());
            throw new RemoteCommandException(password ? RemoteCommandException.Kind.SUDO_PASSWORD_REQUIRED
                    : RemoteCommandException.Kind.OTHER,
                    "Could not set the LED on " + target.alias() + ": " + result.stderr().strip());
        }
    }

    private String ledDir(String led) {
        return sysfsRoot + "/class/leds/" + led;
    }

    private String triggerFile(String led) {
        return ledDir(led) + "/trigger";
    }
}
