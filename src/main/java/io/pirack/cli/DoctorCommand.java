package io.pirack.cli;

import io.pirack.app.AppPaths;
import io.pirack.core.net.DoctorReport;
import io.pirack.app.DoctorMemory;
import io.pirack.probe.TcpProbe;
import io.pirack.core.net.HostSnapshot;
import io.pirack.net.BoothNetwork;
import io.pirack.net.HostSnapshotCollector;
import io.pirack.net.NetworkApplyService;
import io.pirack.net.RackJson;

import io.pirack.net.SystemProcessRunner;
import io.pirack.ssh.RemoteShell;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code pirack doctor}: the booth-network checks on this machine, or offline on a captured folder. */
@Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = PiRackCommand.Version.class,
        description = "Checks the booth network: Internet Sharing, the sharing bridge, bootptab, the Pis' addresses, "
                + "SSH and internet from the Pis, DHCP client identifiers.%n"
                + "Prints the host's sharing flavour, then one line per check: PASS|WARN|FAIL|SKIP <check-id> <message>, "
                + "with the fix under each WARN and FAIL. The result is remembered for the preflight (10 min, or until the "
                + "network changes). Exit 0 when nothing FAILs, else 1.")
public final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--collect", paramLabel = "DIR", description = "Also save what the checks read into DIR (for support or --from).")
    Path collect;

    @Option(names = "--from", paramLabel = "DIR", description = "Run the checks offline on a folder captured with --collect.")
    Path from;

    @Option(names = "--rack", paramLabel = "FILE", description = "The rack spec (rack.json) for the per-Pi checks.")
    Path rackFile;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Option(names = "--root", paramLabel = "DIR", hidden = true, defaultValue = "/",
            description = "Filesystem root the files are read under (tests).")
    Path root;

    @Option(names = "--settings-dir", paramLabel = "DIR", hidden = true,
            description = "Where the result is remembered (default: PiRack's settings folder; tests).")
    Path settingsDir;

    @Spec
    CommandSpec spec;

    private final Supplier<Optional<RemoteShell>> remoteShell;

    /** Without an SSH client: check 5 is skipped with the reason. */
    public DoctorCommand() {
        this(Optional::empty);
    }

    /** @param remoteShell the app's SSH client, for check 5 on the live Pis */
    public DoctorCommand(Supplier<Optional<RemoteShell>> remoteShell) {
        this.remoteShell = remoteShell;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (collect != null && from != null) {
            err.println("pirack doctor: use either --collect DIR or --from DIR, not both");
            return 2;
        }
        BoothNetwork network = new BoothNetwork(new SystemProcessRunner(), root, HostSnapshotCollector.currentPlatform(),
                remoteShell.get(), TcpProbe.socket(), Clock.systemUTC(), NetworkApplyService.Pause.sleeping(),
                BoothNetwork.configured(BoothNetwork.homeSshConfig()));
        HostSnapshot snapshot;
        try {
            if (from != null) {
                snapshot = HostSnapshotCollector.readFolder(from);
            } else {
                snapshot = network.capture(rackFile == null ? Optional.empty() : Optional.of(RackJson.read(rackFile)));
            }
            if (collect != null) {
                HostSnapshotCollector.writeFolder(snapshot, collect);
                err.println("Captured into " + collect);
            }
        } catch (IOException e) {
            err.println("pirack doctor: " + e.getMessage());
            return 2;
        }
        DoctorReport report = network.report(snapshot, from == null);
        if (from == null) {
            DoctorMemory memory = new DoctorMemory(settingsDir != null ? settingsDir : AppPaths.detect().dataDir());
            try {
                memory.remember(report);
            } catch (IOException e) {
                err.println("pirack doctor: could not remember the result in " + memory.file() + ": " + e.getMessage());
            }
        }
        if (json) {
            out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(jsonReport(report)));
        } else {
            out.print(report.text());
        }
        out.flush();
        err.flush();
        return report.failed() ? 1 : 0;
    }

    private static Map<String, Object> jsonReport(DoctorReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", report.host());
        json.put("checks", report.checks());
        json.put("failed", report.failed());
        return json;
    }
}
