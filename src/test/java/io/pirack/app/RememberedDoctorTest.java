package io.pirack.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.cli.PiRackCommand;
import io.pirack.core.net.BoothSnapshots;
import io.pirack.core.net.DoctorReport;
import io.pirack.core.net.HostSnapshot;
import io.pirack.core.preflight.CheckStatus;
import io.pirack.core.preflight.Preflight;
import io.pirack.core.preflight.PreflightInputs;
import io.pirack.core.preflight.PreflightItem;
import io.pirack.net.BoothNetwork;
import io.pirack.net.HostSnapshotCollector;
import io.pirack.net.NetworkApplyService;
import io.pirack.net.ProcessRunner;
import io.pirack.net.SystemProcessRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preflight uses the doctor result that {@code pirack doctor} (or the Network screen) remembered,
 * until it is 10 minutes old or the host's addresses change: then it runs the doctor again.
 */
class RememberedDoctorTest {

    @TempDir
    Path dir;
    private final List<String> commands = new ArrayList<>();

    /** This machine's real commands, recorded. */
    private BoothNetwork network(Path root, Clock clock) {
        SystemProcessRunner system = new SystemProcessRunner();
        ProcessRunner recording = (argv, stdin, timeout) -> {
            commands.add(String.join(" ", argv));
            return system.run(argv, stdin, timeout);
        };
        return new BoothNetwork(recording, root, HostSnapshotCollector.currentPlatform(), Optional.empty(), (h, p, t) -> false, clock,
                NetworkApplyService.Pause.sleeping(), BoothNetwork::defaultTarget);
    }

    private static PreflightItem networkItem(DoctorReport report) {
        return Preflight.check(new PreflightInputs(report.forPreflight(), List.of(), Optional.empty(), List.of(), Optional.empty(),
                List.of(), List.of(), PreflightInputs.DEFAULT_CLOCK_SKEW_LIMIT)).items().get(0);
    }

    @Test
    void thePreflightUsesWhatPlainDoctorRememberedInsteadOfRunningItAgain() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path settings = dir.resolve("settings");
        StringWriter out = new StringWriter();
        picocli.CommandLine cli = PiRackCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        cli.execute("doctor", "--root", root.toString(), "--settings-dir", settings.toString());
        DoctorMemory memory = new DoctorMemory(settings);
        DoctorReport remembered = memory.last().orElseThrow(() -> new AssertionError("pirack doctor remembered nothing: " + out));
        assertTrue(out.toString().startsWith("This computer: " + remembered.host() + "\n"), out.toString());

        Clock threeMinutesLater = Clock.fixed(remembered.at().plus(Duration.ofMinutes(3)), ZoneOffset.UTC);
        DoctorReport used = network(root, threeMinutesLater).freshOrRun(memory.last(), BoothSnapshots.rack());
        assertEquals(remembered, used);
        assertEquals(List.of(HostSnapshotCollector.currentPlatform() == HostSnapshot.Platform.MACOS ? "ifconfig -a" : "ip addr"), commands,
                "only the addresses were read, to see that the network did not change");
        PreflightItem item = networkItem(used);
        assertNotEquals("the network doctor has not run", item.detail());
        CheckStatus worst = remembered.forPreflight().stream().map(PreflightInputs.NetworkResult::status)
                .reduce(CheckStatus.PASS, CheckStatus::worst);
        assertEquals(worst, item.status(), item.detail());
        remembered.forPreflight().stream().filter(r -> r.status() == CheckStatus.FAIL).findFirst()
                .ifPresent(r -> assertTrue(item.detail().contains(r.name() + ": " + r.message()), item.detail()));
    }

    @Test
    void aResultOlderThanTenMinutesOrFromAnotherNetworkIsRunAgain() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Instant at = Instant.parse("2026-12-06T02:00:00Z");
        String fingerprint = network(root, Clock.systemUTC()).fingerprint();
        DoctorReport old = new DoctorReport("macOS · Internet Sharing · 192.168.2.0/24", fingerprint, at, true, List.of());
        assertEquals(Optional.empty(), old.staleBecause(at.plus(Duration.ofMinutes(10)), fingerprint));
        assertEquals(Optional.of("it ran 11 min ago (results count for 10 min)"), old.staleBecause(at.plus(Duration.ofMinutes(11)), fingerprint));
        assertEquals(Optional.of("the network changed since it ran"), old.staleBecause(at, "linux: eth0 10.42.0.1/24"));

        commands.clear();
        DoctorReport again = network(root, Clock.fixed(at.plus(Duration.ofMinutes(11)), ZoneOffset.UTC)).freshOrRun(Optional.of(old),
                BoothSnapshots.rack());
        assertNotEquals(old, again);
        assertEquals(at.plus(Duration.ofMinutes(11)), again.at());
        assertTrue(commands.size() > 1, "the doctor ran again: " + commands);
    }

}
