package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Which command lines start the app on the app's own options alone (no subcommand built: issue 20's
 * start) and which need the whole command tree — every command, help and mistake must still reach it.
 */
class AppStartArgumentsTest {

    @Test
    void theAppsOwnOptionsStartTheAppWithoutTheCommandTree() {
        assertTrue(PiRackCommand.startsTheApp());
        assertTrue(PiRackCommand.startsTheApp("--sim"));
        assertTrue(PiRackCommand.startsTheApp("--sim", "--k8s-version", "1.32", "--time-scale", "4", "--kiosk", "--screen", "1"));
        assertTrue(PiRackCommand.startsTheApp("--kubeconfig", "/tmp/k", "--context", "booth", "--visitor", "--attract", "5"));
    }

    @Test
    void theValueLessFlagsStartTheAppAsPicocliWouldWithoutPicocli() {
        for (String[] args : new String[][] {{}, {"--sim"}, {"--kiosk"}, {"--visitor", "--sim"}, {"--sim", "--kiosk", "--visitor"}}) {
            CommandLine parsed = PiRackCommand.appOnly();
            parsed.parseArgs(args);
            assertEquals(((PiRackCommand) parsed.getCommand()).launchOptions(), PlainStart.options(args), String.join(" ", args));
        }
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        assertNull(PlainStart.options("--sim", "--sim"));
        assertNull(PlainStart.options("--sim", "--k8s-version", "1.32"));
        assertNull(PlainStart.options("--screen", "1"));
        assertNull(PlainStart.options("--sim=true"));
        assertNull(PlainStart.options("--help"));
        assertNull(PlainStart.options("drill", "--sim"));
        assertNull(PlainStart.options("--SIM"));
    }

    @Test
    void aCommandAnywhereNeedsTheCommandTree() {
        assertFalse(PiRackCommand.startsTheApp("drill", "--sim"));
        assertFalse(PiRackCommand.startsTheApp("--sim", "drill"));
        assertFalse(PiRackCommand.startsTheApp("help"));
    }

    @Test
    void helpVersionAndMistakesNeedTheCommandTree() {
        assertFalse(PiRackCommand.startsTheApp("--help"));
        assertFalse(PiRackCommand.startsTheApp("-V"));
        assertFalse(PiRackCommand.startsTheApp("--no-such-option"));
        assertFalse(PiRackCommand.startsTheApp("--screen", "two"));
    }

    @Test
    void helpStillListsEveryCommand() {
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.exitCode());
        for (String command : new String[] {"plug", "doctor", "preflight", "drill", "snapshot", "rehearse", "bench"}) {
            assertTrue(help.out().contains("  " + command + " "), command + " missing from:\n" + help.out());
        }
    }

    @Test
    void aBadAppOptionIsStillOneLineAndExitTwo() {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        int exit;
        try {
            exit = PiRackCommand.execute("--sim", "--k8s-version", "1.40");
        } finally {
            System.setErr(err);
        }
        assertEquals(2, exit);
        assertEquals("pirack: --k8s-version must be one of 1.29 … 1.34, not '1.40'",
                captured.toString(java.nio.charset.StandardCharsets.UTF_8).strip());
    }
}
