package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The parts of {@code pirack plug} that need no Pi: argument checks and the sudoers drop-in. */
class PlugCommandTest {

    private CliRun last;

    private int run(String... args) {
        last = CliRun.of(args);
        return last.exitCode();
    }

    @Test
    void sudoersPrintsTheDropInForTheStopAgentMethod() {
        assertEquals(0, run("plug", "sudoers", "rpi2", "--method", "stop-agent", "--user", "demo", "--dead-man", "120"));
        assertTrue(last.out().startsWith("# PiRack: let demo run exactly these commands"), last.out());
        assertTrue(last.out().contains("/usr/bin/systemctl stop k3s-agent"), last.out());
        assertTrue(last.out().contains("--on-active\\=120s"), last.out());
    }

    @Test
    void apiPartitionWithoutAnApiServerSaysWhatIsMissing() {
        assertEquals(PlugCommand.FAILED, run("plug", "pull", "rpi2", "--method", "api-partition"));
        assertEquals("Cut the node off the API server over SSH needs --api-server.", last.err().strip());
    }

    @Test
    void aHostileApiServerIsRefused() {
        assertEquals(PlugCommand.FAILED, run("plug", "pull", "rpi2", "--method", "api-partition", "--api-server", "https://x;id:6443"));
        assertTrue(last.err().contains("must"), last.err());
    }

    @Test
    void aHostilePiNameIsRefusedBeforeConnecting() {
        assertEquals(PlugCommand.FAILED, run("plug", "pull", "rpi2;reboot", "--method", "stop-agent"));
        assertTrue(last.err().contains("not a valid RFC 1123 name"), last.err());
    }

    @Test
    void unknownMethodsAreListed() {
        assertEquals(PlugCommand.FAILED, run("plug", "status", "rpi2", "--method", "sim"));
        assertEquals("Unknown method 'sim': use stop-agent, api-partition, usb-power or turing-pi.", last.err().strip());
    }
}
