package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The parts of {@code pirack plug} that need no Pi: argument checks and the sudoers drop-in. */
class PlugCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = PiRackCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void sudoersPrintsTheDropInForTheStopAgentMethodThroughABufferedTerminal() {
        CommandLine commandLine = PiRackCommand.commandLine();
        // A terminal's stdout is buffered: what is not flushed before exit is never seen.
        commandLine.setOut(new PrintWriter(new java.io.BufferedWriter(out, 1 << 16), false));
        assertEquals(0, commandLine.execute("plug", "sudoers", "rpi2", "--method", "stop-agent", "--user", "demo", "--dead-man", "120"));
        assertTrue(out.toString().startsWith("# PiRack: let demo run exactly these commands"), out.toString());
        assertTrue(out.toString().contains("/usr/bin/systemctl stop k3s-agent"), out.toString());
        assertTrue(out.toString().contains("/usr/local/sbin/pirack-deadman arm rpi2 *"), out.toString());
        assertTrue(!out.toString().contains("120"), "the delay is not baked into the drop-in: " + out);
    }

    @Test
    void plugHelpIsAccepted() {
        assertEquals(0, run("plug", "--help"));
        assertTrue(out.toString().contains("sudoers"), out.toString());
    }

    @Test
    void apiPartitionWithoutAnApiServerSaysWhatIsMissing() {
        assertEquals(PlugCommand.FAILED, run("plug", "pull", "rpi2", "--method", "api-partition"));
        assertEquals("Cut the node off the API server over SSH needs --api-server.", err.toString().strip());
    }

    @Test
    void aHostileApiServerIsRefused() {
        assertEquals(PlugCommand.FAILED, run("plug", "pull", "rpi2", "--method", "api-partition", "--api-server", "https://x;id:6443"));
        assertTrue(err.toString().contains("must"), err.toString());
    }

    @Test
    void aHostilePiNameIsRefusedBeforeConnecting() {
        assertEquals(PlugCommand.FAILED, run("plug", "pull", "rpi2;reboot", "--method", "stop-agent"));
        assertTrue(err.toString().contains("not a valid RFC 1123 name"), err.toString());
    }

    @Test
    void unknownMethodsAreListed() {
        assertEquals(PlugCommand.FAILED, run("plug", "status", "rpi2", "--method", "sim"));
        assertEquals("Unknown method 'sim': use stop-agent, api-partition, usb-power or turing-pi.", err.toString().strip());
    }
}
