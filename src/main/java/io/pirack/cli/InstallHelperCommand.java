package io.pirack.cli;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.core.validate.Hostname;
import io.pirack.core.validate.Validation;
import io.pirack.plug.DeadManHelper;
import io.pirack.plug.HelperInstaller;
import io.pirack.plug.RebindHelper;
import io.pirack.plug.PlugException;
import io.pirack.ssh.SshConfigResolver;
import io.pirack.ssh.SshRemoteShell;
import io.pirack.ssh.SshTarget;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pirack plug install-helper --pi NAME}: shows what it will do on the Pi, asks (or takes
 * {@code --yes}), then installs PiRack's helpers (dead-man switch, DHCP rebind) over SSH ({@link HelperInstaller}).
 */
@Command(name = "install-helper", mixinStandardHelpOptions = true,
        description = "Install PiRack's helpers (" + DeadManHelper.INSTALLED_AT + ", " + RebindHelper.INSTALLED_AT + ") on a Pi over SSH, "
                + "after showing what it will do and asking.")
final class InstallHelperCommand implements Callable<Integer> {

    @Option(names = "--pi", paramLabel = "NAME", description = "The Pi's host name (as in the rack and ~/.ssh/config).")
    String pi;

    @CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "PI", description = "Same as --pi.")
    String piArgument;

    @Option(names = "--user", paramLabel = "NAME", description = "SSH user (default: ~/.ssh/config, else pi).")
    String user;

    @Option(names = "--yes", description = "Install without asking (for scripts).")
    boolean yes;

    @Option(names = "--print", description = "Only print the dead-man script, to install it by hand.")
    boolean print;

    @Option(names = "--print-rebind", description = "Only print the DHCP rebind script, to install it by hand.")
    boolean printRebind;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Asks the presenter; null when there is nobody to ask. Tests replace it. */
    java.util.function.Function<String, String> ask = question -> {
        Console console = System.console();
        return console == null ? null : console.readLine("%s", question);
    };

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (print || printRebind) {
            out.print(print ? DeadManHelper.script() : RebindHelper.script());
            out.flush();
            return 0;
        }
        if (pi == null) {
            pi = piArgument;
        }
        if (pi == null) {
            err.println("Which Pi? Name it with --pi NAME (e.g. --pi rpi2).");
            return 2;
        }
        Validation<Hostname> name = Hostname.parse(pi);
        if (!name.isValid()) {
            err.println(name.message());
            return 2;
        }
        Path home = Path.of(System.getProperty("user.home"));
        SshConfigResolver targets = SshConfigResolver.load(home.resolve(".ssh/config"), home, System.getProperty("user.name"));
        Validation<SshTarget> target = targets.resolve(new PiSlot(pi, NodeRole.WORKER, null, null, user, 0, null,
                PlugMethod.STOP_AGENT, null, 0, 0));
        if (!target.isValid()) {
            err.println(target.message());
            return 2;
        }
        List<String> plan = HelperInstaller.plan(target.orThrow(), pi);
        out.println("On " + pi + ", pirack will:");
        for (int i = 0; i < plan.size(); i++) {
            out.println("  " + (i + 1) + ". " + plan.get(i));
        }
        out.flush();
        if (!yes) {
            String answer = ask.apply("Install it? [y/N] ");
            if (answer == null) {
                err.println("Nothing installed: there is no terminal to ask. Pass --yes to install without asking.");
                return PlugCommand.FAILED;
            }
            if (!answer.strip().equalsIgnoreCase("y") && !answer.strip().equalsIgnoreCase("yes")) {
                out.println("Nothing installed.");
                return PlugCommand.FAILED;
            }
        }
        ConsolePrompts prompts = new ConsolePrompts();
        try (SshRemoteShell shell = SshRemoteShell.forHome(home, prompts, prompts)) {
            new HelperInstaller(shell).install(target.orThrow(), pi);
            out.println(pi + ": installed " + DeadManHelper.INSTALLED_AT + " and " + RebindHelper.INSTALLED_AT
                    + " (root, 0755); the dead-man helper answers status."
                    + " Allow it without a password with the drop-in from: pirack plug sudoers " + pi + " --method stop-agent");
            return 0;
        } catch (PlugException e) {
            err.println(e.getMessage());
            return PlugCommand.FAILED;
        }
    }
}
