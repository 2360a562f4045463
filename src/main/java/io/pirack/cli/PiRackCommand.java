package io.pirack.cli;

import io.pirack.app.LaunchOptions;
import io.pirack.app.PiRackApp;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pirack [options]} starts the app; {@code pirack <command>} runs a CLI command over the same
 * services the app uses. Add a subcommand by listing its class in {@code subcommands}.
 */
@Command(name = "pirack",
        mixinStandardHelpOptions = true,
        versionProvider = PiRackCommand.Version.class,
        description = "Control panel for a Raspberry Pi Kubernetes failover demo.%n"
                + "Without a command, starts the app (on the rehearsal rack unless a cluster is configured).",
        subcommands = {
            CommandLine.HelpCommand.class,
            PlugCommand.class,
            DoctorCommand.class,
            BootptabCommand.class,
            SimKubeletCommand.class,
            PreflightCommand.class,
            ImagesCommand.class,
            SelfCheckCommand.class,
            RunsCommand.class,
            DrillCommand.class,
            RebalanceCommand.class,
            SnapshotCommand.class,
            RehearseCommand.class,
            BenchCommand.class,
        })
public final class PiRackCommand implements Callable<Integer> {

    /** Exit code that tells {@code Main} the GUI ran and the JVM should end normally. */
    public static final int GUI_STARTED = -1;

    @CommandLine.Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Option(names = "--kiosk", description = "Open the audience window full screen (booth mode).")
    boolean kiosk;

    @Option(names = "--screen", description = "Screen index for the audience window (0 = main).", defaultValue = "-1")
    int screen;

    @Option(names = "--visitor", description = "Show the visitor's \"Pull a plug!\" button.")
    boolean visitor;

    @Option(names = "--attract", paramLabel = "MINUTES", description = "Run the attract loop every MINUTES.", defaultValue = "0")
    int attractMinutes;

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PiRackCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            if (e instanceof SavedFiles.UnusableFileException unusable) {
                cl.getErr().println(unusable.getMessage());
                cl.getErr().flush();
                return SavedFiles.UNUSABLE_FILE;
            }
            throw e;
        });
        return commandLine;
    }

    @Override
    public Integer call() {
        PiRackApp.launchWith(new LaunchOptions(cluster.sim, cluster.context, cluster.kubeconfig,
                kiosk, screen, visitor, attractMinutes));
        return GUI_STARTED;
    }

    /** Cluster selection flags shared by the app and every command that talks to a cluster. */
    public static final class ClusterOptions {
        @Option(names = "--sim", description = "Use the embedded rehearsal rack.")
        public boolean sim;

        @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context to use.")
        public String context;

        @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig file (default: $KUBECONFIG or ~/.kube/config).")
        public Path kubeconfig;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = PiRackCommand.class.getPackage().getImplementationVersion();
            return new String[] {"PiRack " + (version == null ? "development build" : version)};
        }
    }
}
