package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The app's {@code --k8s-version}/{@code --time-scale}: bad input is one line and exit 2, before any window opens. */
class AppSimOptionsTest {

    private static String[] run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = PiRackCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int exit = cl.execute(args);
        return new String[] {String.valueOf(exit), err.toString().strip()};
    }

    @Test
    void anUnknownReleaseIsRefusedWithTheRange() {
        String[] r = run("--sim", "--k8s-version", "1.40");
        assertEquals("2", r[0]);
        assertEquals("pirack: --k8s-version must be one of 1.29 … 1.34, not '1.40'", r[1]);
    }

    @Test
    void aSpeedOutOfRangeIsRefused() {
        String[] r = run("--sim", "--time-scale", "0.5");
        assertEquals("2", r[0]);
        assertEquals("pirack: --time-scale must be between 1 and 100, not 0.5", r[1]);
    }

    @Test
    void theRehearsalOptionsNeedSim() {
        String[] r = run("--k8s-version", "1.32");
        assertEquals("2", r[0]);
        assertEquals("pirack: --k8s-version and --time-scale apply to the rehearsal rack: add --sim", r[1]);
    }
}
