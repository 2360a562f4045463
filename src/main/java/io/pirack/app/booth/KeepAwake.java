package io.pirack.app.booth;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the machine and its display awake while the show runs: {@code caffeinate -d -i -w <pid>}
 * on macOS (it also ends by itself when PiRack dies), {@code systemd-inhibit} on Linux. Released on
 * {@link #close()}.
 */
public final class KeepAwake implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeepAwake.class);

    private final Process process;
    private final String problem;

    private KeepAwake(Process process, String problem) {
        this.process = process;
        this.problem = problem;
    }

    /** The command that keeps this OS awake for as long as it runs. */
    static List<String> command(String osName, long pid) {
        if (osName.toLowerCase(Locale.ROOT).contains("mac")) {
            return List.of("caffeinate", "-d", "-i", "-w", Long.toString(pid));
        }
        return List.of("systemd-inhibit", "--what=idle:sleep", "--who=PiRack", "--why=Booth demo running",
                "--mode=block", "tail", "--pid=" + pid, "-f", "/dev/null");
    }

    public static KeepAwake start() {
        List<String> command = command(System.getProperty("os.name", ""), ProcessHandle.current().pid());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return new KeepAwake(process, null);
        } catch (IOException e) {
            String problem = "cannot keep the machine awake (" + command.get(0) + ": " + e.getMessage()
                    + "); set the display to never sleep";
            LOG.warn(problem);
            return new KeepAwake(null, problem);
        }
    }

    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
        }
    }
}
