package io.pirack.cli;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.validate.Validation;
import io.pirack.net.SystemProcessRunner;
import io.pirack.plug.ApiEndpoint;
import io.pirack.plug.PlugException;
import io.pirack.plug.PlugStrategies;
import io.pirack.plug.PlugStrategy;
import io.pirack.plug.PlugStatus;
import io.pirack.plug.PullResult;
import io.pirack.plug.SudoCommands;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.SshConfigResolver;
import io.pirack.ssh.SshRemoteShell;
import io.pirack.ssh.SudoersSnippet;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pirack plug pull|restore|status|sudoers <pi>}: the same strategies the app uses, for
 * rehearsing on real hardware from a terminal. The Pi is reached as {@code ssh <pi>} would reach it
 * (~/.ssh/config), host keys are checked against ~/.ssh/known_hosts and new ones are asked about.
 */
@Command(name = "plug", mixinStandardHelpOptions = true, description = "Pull the plug on a real Pi, plug it back in, or check it.",
        subcommands = {PlugCommand.Pull.class, PlugCommand.Restore.class, PlugCommand.Status.class, PlugCommand.Sudoers.class,
                InstallHelperCommand.class})
public final class PlugCommand {

    /** Exit code for a failed action (the message says why). */
    static final int FAILED = 1;

    static final class PiOptions {
        @Parameters(index = "0", paramLabel = "PI", description = "The Pi's host name (as in the rack and ~/.ssh/config).")
        String pi;

        @Option(names = "--method", required = true, paramLabel = "ID",
                description = "stop-agent, api-partition, usb-power or turing-pi.")
        String method;

        @Option(names = "--api-server", paramLabel = "URL", description = "API server for api-partition, e.g. https://192.168.2.101:6443.")
        String apiServer;

        @Option(names = "--dead-man", paramLabel = "SECONDS", defaultValue = "180",
                description = "The Pi restores itself after this long (SSH methods; default ${DEFAULT-VALUE}).")
        int deadManSeconds;

        @Option(names = "--hub", paramLabel = "LOCATION", description = "uhubctl hub location for usb-power, e.g. 1-1.")
        String hub;

        @Option(names = "--hub-port", paramLabel = "N", description = "uhubctl port for usb-power.")
        int hubPort;

        @Option(names = "--turing-pi", paramLabel = "URL", description = "Turing Pi 2 BMC, e.g. https://turingpi.local "
                + "(token from $PIRACK_TURINGPI_TOKEN).")
        String turingPiUrl;

        @Option(names = "--turing-node", paramLabel = "N", description = "Turing Pi node 1-4.")
        int turingNode;

        @Option(names = "--user", paramLabel = "NAME", description = "SSH user (default: ~/.ssh/config, else pi).")
        String user;
    }

    abstract static class Action implements Callable<Integer> {
        @CommandLine.Mixin
        PiOptions options = new PiOptions();

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<PlugMethod> method = PlugMethod.byId(options.method);
            if (method.isEmpty() || method.get() == PlugMethod.SIMULATED_POWER) {
                err.println("Unknown method '" + options.method + "': use stop-agent, api-partition, usb-power or turing-pi.");
                return FAILED;
            }
            ApiEndpoint apiServer = null;
            if (options.apiServer != null) {
                Validation<ApiEndpoint> parsed = ApiEndpoint.fromServerUrl(options.apiServer);
                if (!parsed.isValid()) {
                    err.println(parsed.message());
                    return FAILED;
                }
                apiServer = parsed.orThrow();
            }
            PiSlot slot = new PiSlot(options.pi, NodeRole.WORKER, null, null, options.user, 0, null, method.get(),
                    options.hub, options.hubPort, options.turingNode);
            RackSpec rack = new RackSpec("command line", List.of(slot), "192.168.2.0/24", method.get(), options.turingPiUrl,
                    options.deadManSeconds);
            Path home = Path.of(System.getProperty("user.home"));
            ConsolePrompts prompts = new ConsolePrompts();
            try (SshRemoteShell shell = SshRemoteShell.forHome(home, prompts, prompts)) {
                shell.onSlowConnect(err::println);
                SshConfigResolver targets = SshConfigResolver.load(home.resolve(".ssh/config"), home, System.getProperty("user.name"));
                String token = System.getenv().getOrDefault("PIRACK_TURINGPI_TOKEN", "");
                Optional<PlugStrategy> strategy = PlugStrategies.forRack(() -> rack, shell, targets, apiServer,
                                new SystemProcessRunner(), "uhubctl", HttpClient.newHttpClient(), () -> token)
                        .stream().filter(s -> s.method() == method.get()).findFirst();
                if (strategy.isEmpty()) {
                    err.println(method.get().label() + " needs " + (method.get() == PlugMethod.API_PARTITION
                            ? "--api-server" : "--turing-pi") + ".");
                    return FAILED;
                }
                if (!strategy.get().isAvailable(slot)) {
                    err.println(strategy.get().availability(slot).reason());
                    return FAILED;
                }
                try {
                    run(strategy.get(), slot, targets, out);
                    return 0;
                } catch (PlugException e) {
                    err.println(e.getMessage());
                    e.sudoersSnippet().ifPresent(snippet -> err.println(System.lineSeparator() + snippet));
                    return FAILED;
                }
            }
        }

        abstract void run(PlugStrategy strategy, PiSlot slot, SshConfigResolver targets, PrintWriter out) throws PlugException;
    }

    @Command(name = "pull", description = "Pull the plug (SSH methods arm the Pi's dead-man switch first).")
    static final class Pull extends Action {
        @Override
        void run(PlugStrategy strategy, PiSlot slot, SshConfigResolver targets, PrintWriter out) throws PlugException {
            PullResult result = strategy.pull(slot);
            out.println(slot.hostname() + ": " + result.detail() + (result.deadManDelay() == null ? ""
                    : "; it restores itself in " + result.deadManDelay().toSeconds() + " s"));
        }
    }

    @Command(name = "restore", description = "Plug it back in and disarm the dead-man switch.")
    static final class Restore extends Action {
        @Override
        void run(PlugStrategy strategy, PiSlot slot, SshConfigResolver targets, PrintWriter out) throws PlugException {
            strategy.restore(slot);
            out.println(slot.hostname() + ": plugged back in");
        }
    }

    @Command(name = "status", description = "Ask the Pi whether it is still unplugged by PiRack.")
    static final class Status extends Action {
        @Override
        void run(PlugStrategy strategy, PiSlot slot, SshConfigResolver targets, PrintWriter out) throws PlugException {
            PlugStatus status = strategy.status(slot);
            out.println(slot.hostname() + ": " + (status.unplugged() ? "UNPLUGGED" : "plugged in") + " (" + status.detail() + ")");
        }
    }

    @Command(name = "sudoers", description = "Print the sudoers drop-in that lets the SSH user run exactly PiRack's commands.")
    static final class Sudoers extends Action {
        @Override
        void run(PlugStrategy strategy, PiSlot slot, SshConfigResolver targets, PrintWriter out) throws PlugException {
            if (!(strategy instanceof SudoCommands sudo)) {
                throw new PlugException(strategy.method().label() + " runs nothing on the Pi; no sudoers entry is needed.");
            }
            String user = targets.resolve(slot).orThrow().user();
            List<RemoteCommand> commands = sudo.sudoCommands(slot);
            out.print(SudoersSnippet.render(user, commands));
            out.flush();
        }
    }
}
