package io.pirack.net;

import io.pirack.core.net.ApplyStage;
import io.pirack.probe.TcpProbe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.net.ConflictPolicy;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.validate.Ipv4Address;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.SshTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import io.pirack.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkApplyServiceTest {

    private static final RackSpec RACK = new RackSpec("Booth", List.of(
            PiSlot.of("rpi1", NodeRole.CONTROL_PLANE).withMac("DC:A6:32:0:0:1").withIp("192.168.2.101"),
            PiSlot.of("rpi2", NodeRole.WORKER).withMac("dc:a6:32:00:00:02").withIp("192.168.2.102"),
            PiSlot.of("rpi3", NodeRole.WORKER).withMac("dc:a6:32:00:00:03").withIp("192.168.2.103"),
            PiSlot.of("spare", NodeRole.WORKER)),
            "192.168.2.0/24", PlugMethod.STOP_AGENT, null, RackSpec.DEFAULT_DEAD_MAN_SECONDS);

    @TempDir
    Path tmp;
    Path root;
    Path log;
    TestClock clock;
    List<String> rebound;
    List<String> progress;
    Map<String, Integer> answersAfterProbes;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectories(tmp.resolve("root/etc")).getParent();
        log = tmp.resolve("argv.log");
        clock = new TestClock(Instant.parse("2026-11-26T07:15:00Z"), java.time.ZoneOffset.UTC);
        rebound = new ArrayList<>();
        progress = new ArrayList<>();
        answersAfterProbes = new HashMap<>();
    }

    private NetworkApplyService service(Path osascript, PiDhcpRebinder rebinder) {
        StaticLeaseWriter writer = new StaticLeaseWriter(root, StaticLeaseWriter.Target.BOOTPTAB,
                PrivilegedRunner.osascript(new SystemProcessRunner(), osascript.toString(), StandIns.TIMEOUT), clock, List.of());
        Map<String, AtomicInteger> probes = new HashMap<>();
        TcpProbe probe = (host, port, timeout) -> {
            int count = probes.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
            return answersAfterProbes.containsKey(host) && count >= answersAfterProbes.get(host);
        };
        return new NetworkApplyService(writer, rebinder, probe,
                (slot, host) -> new SshTarget(slot.hostname(), host, 22, "pi", null), clock, clock::advance, Duration.ofSeconds(60));
    }

    private PiDhcpRebinder recordingRebinder() {
        return target -> {
            rebound.add(target.alias() + "@" + target.host());
            if (target.alias().equals("rpi3")) {
                throw new RemoteCommandException(RemoteCommandException.Kind.UNREACHABLE, "cannot connect to 192.168.2.8:22");
            }
            return DhcpClientKind.NETWORK_MANAGER;
        };
    }

    private NetworkApplyService.Listener listener() {
        return (host, stage, message) -> progress.add(stage + " " + message);
    }

    @Test
    void writesRebindsThePisElsewhereAndWaitsForThemAtTheirNewAddresses() throws Exception {
        answersAfterProbes.put("192.168.2.102", 3);
        NetworkApplyService.Result result = service(StandIns.osascript(tmp, log), recordingRebinder()).apply(RACK, Map.of(
                "rpi1", Ipv4Address.of("192.168.2.101"),
                "rpi2", Ipv4Address.of("192.168.2.7"),
                "rpi3", Ipv4Address.of("192.168.2.8")), ConflictPolicy.REFUSE, listener());

        assertTrue(Files.readString(root.resolve("etc/bootptab")).contains("rpi1\t1\tdc:a6:32:00:00:01\t192.168.2.101\n"));
        assertEquals(List.of("rpi2@192.168.2.7", "rpi3@192.168.2.8"), rebound);
        assertEquals(List.of(
                "ALREADY_THERE rpi1 is already at 192.168.2.101",
                "REBINDING rpi2: release and rebind at 192.168.2.7",
                "REBINDING rpi2: NetworkManager is rebinding",
                "WAITING rpi2: waiting for it at 192.168.2.102",
                "REBINDING rpi3: release and rebind at 192.168.2.8",
                "FAILED rpi3: cannot connect to 192.168.2.8:22",
                "AT_NEW_ADDRESS rpi2 answers at 192.168.2.102"), progress);
        assertEquals(List.of(ApplyStage.ALREADY_THERE, ApplyStage.AT_NEW_ADDRESS,
                ApplyStage.FAILED), result.pis().stream().map(NetworkApplyService.PiOutcome::stage).toList());
        assertEquals("dc:a6:32:00:00:01", result.rack().slots().get(0).mac());
        assertEquals(Instant.parse("2026-11-26T07:15:04Z"), clock.instant());
    }

    @Test
    void aPiThatNeverAnswersFailsAtTheDeadline() throws Exception {
        NetworkApplyService.Result result = service(StandIns.osascript(tmp, log), recordingRebinder()).apply(RACK, Map.of(
                "rpi1", Ipv4Address.of("192.168.2.101"), "rpi2", Ipv4Address.of("192.168.2.7")), ConflictPolicy.REFUSE, listener());
        assertEquals("rpi2 did not answer at 192.168.2.102 within 60 s; check its cable and power, or restart its networking",
                result.pis().get(1).message());
        assertEquals(ApplyStage.FAILED, result.pis().get(2).stage());
        assertEquals(Instant.parse("2026-11-26T07:16:00Z"), clock.instant());
    }

    @Test
    void cancelledPromptAppliesNothingAndTouchesNoPi() throws Exception {
        NetworkApplyService service = service(StandIns.cancellingOsascript(tmp, log), recordingRebinder());
        assertThrows(PrivilegeCancelledException.class, () -> service.apply(RACK, Map.of("rpi2", Ipv4Address.of("192.168.2.7")),
                ConflictPolicy.REFUSE, listener()));
        assertEquals(List.of(), rebound);
        assertEquals(List.of(), progress);
        assertEquals(List.of(), Files.list(root.resolve("etc")).toList());
    }

    @Test
    void invalidRackIsRefusedBeforeAnyPrompt() {
        RackSpec bad = RACK.replaceSlot(RACK.slots().get(1).withIp("192.168.2.1"));
        ApplyException e = assertThrows(ApplyException.class, () -> service(StandIns.osascript(tmp, log), recordingRebinder())
                .apply(bad, Map.of(), ConflictPolicy.REFUSE, listener()));
        assertEquals("nothing was written: slot rpi2: IP address 192.168.2.1 is the gateway (this computer's own address) of 192.168.2.0/24",
                e.getMessage());
        assertTrue(Files.notExists(log));
    }
}
