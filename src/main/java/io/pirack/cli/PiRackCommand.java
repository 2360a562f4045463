package io.pirack.cli;

import io.pirack.app.LaunchOptions;
import io.pirack.app.PiRackApp;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pirack [options]} starts the app; {@code pirack <command>} runs a CLI command over the same
 * services the app uses. Add a subcommand by listing its class in {@link #SUBCOMMANDS}.
 */
@Command(name = "pirack",
        mixinStandardHelpOptions = true,
        versionProvider = PiRackCommand.Version.class,
        description = "Control panel for a Raspberry Pi Kubernetes failover demo.%n"
                + "Without a command, starts the app (on the rehearsal rack unless a cluster is configured).")
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

    /** Every subcommand, in the order {@code pirack --help} lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
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
            BenchCommand.class);

    /**
     * Runs {@code pirack ARGS}. Arguments that start the app (its own options, no command, no help) run on
     * {@link #appOnly()}: picocli then does not build the 14 subcommands' models and instances, which
     * cost ~0.2 s of class loading and reflection before the window (issue 20). Anything else — a
     * command, {@code --help}, {@code --version}, a mistake — runs on the full {@link #commandLine()}, so
     * its output and errors are exactly those of the whole command tree.
     */
    public static int execute(String... args) {
        return (startsTheApp(args) ? appOnly() : commandLine()).execute(args);
    }

    /** Whether {@code args} start the app: the app's options parse cleanly and ask for no help or version. */
    static boolean startsTheApp(String... args) {
        try {
            CommandLine.ParseResult parsed = appOnly().parseArgs(args);
            return !parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested();
        } catch (CommandLine.ParameterException notTheApp) {
            return false;
        }
    }

    /** The full command tree: the app's options and every subcommand. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new PiRackCommand());
        SUBCOMMANDS.forEach(commandLine::addSubcommand);
        return configured(commandLine);
    }

    /** The app's own options without the subcommands. */
    static CommandLine appOnly() {
        return configured(new CommandLine(new PiRackCommand()));
    }

    private static CommandLine configured(CommandLine commandLine) {
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--k8s-version", paramLabel = "V",
            description = "With --sim: Kubernetes release to simulate, 1.29 … 1.34 (default: as remembered, else newest).")
    String k8sVersion;

    @Option(names = "--time-scale", paramLabel = "X",
            description = "With --sim: run the rehearsal rack X times faster than real time, 1–100 (default: as remembered).")
    Double timeScale;

    @Override
    public Integer call() {
        String problem = null;
        if (k8sVersion != null && io.pirack.sim.KubernetesVersion.parse(k8sVersion).isEmpty()) {
            problem = "--k8s-version must be one of " + io.pirack.sim.KubernetesVersion.choices() + ", not '" + k8sVersion + "'";
        } else if (timeScale != null && !(timeScale >= 1 && timeScale <= io.pirack.core.settings.Settings.Rehearsal.MAX_TIME_SCALE)) {
            problem = "--time-scale must be between 1 and " + (int) io.pirack.core.settings.Settings.Rehearsal.MAX_TIME_SCALE + ", not " + timeScale;
        } else if ((k8sVersion != null || timeScale != null) && !cluster.sim) {
            problem = "--k8s-version and --time-scale apply to the rehearsal rack: add --sim";
        }
        if (problem != null) {
            java.io.PrintWriter err = spec.commandLine().getErr();
            err.println("pirack: " + problem);
            err.flush();
            return 2;
        }
        PiRackApp.launchWith(launchOptions());
        return GUI_STARTED;
    }

    /** What the parsed options ask the app to do. */
    LaunchOptions launchOptions() {
        return new LaunchOptions(cluster.sim, cluster.context, cluster.kubeconfig,
                kiosk, screen, visitor, attractMinutes, k8sVersion, timeScale == null ? 0 : timeScale);
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
