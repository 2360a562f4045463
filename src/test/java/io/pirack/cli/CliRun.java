package io.pirack.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code pirack …} (or one command) in-process and keeps what it printed: the one CLI helper of the tests. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return of(PiRackCommand.commandLine(), args);
    }

    static CliRun of(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Standard output then standard error, each without surrounding blank space. */
    String printed() {
        return out.strip() + err.strip();
    }
}
