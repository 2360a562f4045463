package io.pirack.cli;

import io.pirack.core.net.BootptabParser;
import io.pirack.core.net.BootptabReport;
import io.pirack.core.validate.Ipv4Subnet;
import io.pirack.core.validate.Validation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pirack bootptab …}: work with macOS bootpd's static address table. */
@Command(name = "bootptab", mixinStandardHelpOptions = true, versionProvider = PiRackCommand.Version.class, description = "Inspect a bootptab (macOS static DHCP addresses).",
        subcommands = {BootptabCommand.Check.class})
public final class BootptabCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** {@code pirack bootptab check FILE [--subnet CIDR]}. */
    @Command(name = "check", mixinStandardHelpOptions = true, versionProvider = PiRackCommand.Version.class,
            description = "Reads FILE with bootpd's own rules. Prints each entry bootpd would load as 'hostname mac ip' "
                    + "(stdout) and every problem as FILE:LINE: error|warning: message (stderr). Exit 1 when there is an error.")
    static final class Check implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "The bootptab to check, e.g. /etc/bootptab.")
        Path file;

        @Option(names = "--subnet", paramLabel = "CIDR", description = "Check the IPs against this subnet, e.g. 192.168.2.0/24.")
        String subnet;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<Ipv4Subnet> net = Optional.empty();
            if (subnet != null) {
                Validation<Ipv4Subnet> parsed = Ipv4Subnet.parse(subnet);
                if (!parsed.isValid()) {
                    err.println("pirack bootptab check: --subnet: " + parsed.message());
                    return 2;
                }
                net = Optional.of(parsed.orThrow());
            }
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                err.println(file + ": error: no such file");
                return 2;
            } catch (IOException e) {
                err.println(file + ": error: cannot read: " + e.getMessage());
                return 2;
            }
            BootptabReport report = BootptabParser.parse(content, net);
            report.entries().forEach(entry -> out.println(entry.normalised()));
            report.problems().forEach(problem -> err.println(problem.format(file.toString())));
            out.flush();
            err.flush();
            return report.hasErrors() ? 1 : 0;
        }
    }
}
