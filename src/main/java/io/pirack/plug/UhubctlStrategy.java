package io.pirack.plug;

import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.net.ProcessResult;
import io.pirack.net.ProcessRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real power off through a USB hub with per-port power switching, by running
 * {@code uhubctl -l <location> -p <port> -a off|on} on the presenter's machine. Only hubs with true
 * per-port switching cut the power; the Pi cannot restore itself, so there is no dead-man switch.
 */
public final class UhubctlStrategy implements PlugStrategy {

    private static final Pattern LOCATION = Pattern.compile("[0-9]{1,3}(-[0-9]{1,3}(\\.[0-9]{1,3}){0,6})?");
    private static final int MAX_PORT = 32;

    private final ProcessRunner runner;
    private final String executable;
    private final Duration timeout;

    /** @param executable {@code uhubctl}, or its full path */
    public UhubctlStrategy(ProcessRunner runner, String executable, Duration timeout) {
        this.runner = Objects.requireNonNull(runner);
        this.executable = Objects.requireNonNull(executable);
        this.timeout = Objects.requireNonNull(timeout);
    }

    @Override
    public PlugMethod method() {
        return PlugMethod.USB_POWER;
    }

    @Override
    public String describe(PiSlot slot) {
        return "Switches off USB port " + slot.usbHubPort() + " of hub " + slot.usbHubLocation() + " (uhubctl), cutting "
                + slot.hostname() + "'s power. It stays off until PiRack switches it on again.";
    }

    @Override
    public Availability availability(PiSlot slot) {
        String problem = problem(slot);
        return problem == null ? Availability.AVAILABLE : Availability.unavailable(problem);
    }

    private static String problem(PiSlot slot) {
        if (slot.usbHubLocation() == null || !LOCATION.matcher(slot.usbHubLocation()).matches()) {
            return slot.hostname() + " needs a uhubctl hub location such as 1-1 or 2-1.4 (found '" + slot.usbHubLocation() + "')";
        }
        if (slot.usbHubPort() < 1 || slot.usbHubPort() > MAX_PORT) {
            return slot.hostname() + " needs a hub port from 1 to " + MAX_PORT + " (found " + slot.usbHubPort() + ")";
        }
        return null;
    }

    private List<String> argv(PiSlot slot, String action) throws PlugException {
        String problem = problem(slot);
        if (problem != null) {
            throw new PlugException("Refused: " + problem + ".");
        }
        List<String> argv = new ArrayList<>(List.of(executable, "-l", slot.usbHubLocation(), "-p", Integer.toString(slot.usbHubPort())));
        if (action != null) {
            argv.addAll(List.of("-a", action));
        }
        return argv;
    }

    private ProcessResult uhubctl(PiSlot slot, String action) throws PlugException {
        List<String> argv = argv(slot, action);
        ProcessResult result;
        try {
            result = runner.run(argv, timeout);
        } catch (IOException e) {
            throw new PlugException("uhubctl failed for " + slot.hostname() + ": " + e.getMessage(), e);
        }
        if (result.timedOut()) {
            throw new PlugException("uhubctl for " + slot.hostname() + " did not finish within "
                    + Math.max(1, timeout.toSeconds()) + " s and was stopped; check the hub's USB connection.");
        }
        if (!result.ok()) {
            String why = result.stderr().isBlank() ? result.stdout().strip() : result.stderr().strip();
            throw new PlugException("uhubctl failed for " + slot.hostname() + " (exit " + result.exitCode() + "): " + why
                    + (why.contains("ermission") ? " — uhubctl needs root or a udev rule for the hub." : ""));
        }
        return result;
    }

    @Override
    public PullResult pull(PiSlot slot) throws PlugException {
        uhubctl(slot, "off");
        return new PullResult(null, "USB hub " + slot.usbHubLocation() + " port " + slot.usbHubPort() + " off");
    }

    @Override
    public void restore(PiSlot slot) throws PlugException {
        uhubctl(slot, "on");
    }

    @Override
    public PlugStatus status(PiSlot slot) throws PlugException {
        ProcessResult result = uhubctl(slot, null);
        Matcher port = Pattern.compile("^\\s*Port " + slot.usbHubPort() + ": ([0-9a-f]{4})(.*)$", Pattern.MULTILINE)
                .matcher(result.stdout());
        if (!port.find()) {
            throw new PlugException("uhubctl did not report port " + slot.usbHubPort() + " of hub " + slot.usbHubLocation() + ".");
        }
        boolean off = port.group(2).strip().startsWith("off");
        return new PlugStatus(off, false, "port " + slot.usbHubPort() + (off ? " off" : " powered"));
    }
}
