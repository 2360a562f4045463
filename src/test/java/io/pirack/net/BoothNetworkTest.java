package io.pirack.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pirack.core.net.BoothSnapshots;
import io.pirack.core.net.CheckResult;
import io.pirack.core.net.DiscoveredPi;
import io.pirack.core.net.Fixtures;
import io.pirack.core.net.HostSnapshot;
import io.pirack.core.net.SnapshotFiles;
import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteShell;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoothNetworkTest {

    @TempDir
    Path root;

    private BoothNetwork network(HostSnapshot.Platform platform, Optional<RemoteShell> shell, List<List<String>> ran) {
        ProcessRunner runner = (argv, stdin, timeout) -> {
            ran.add(argv);
            return new ProcessResult(0, "", "", false);
        };
        return new BoothNetwork(runner, root, platform, shell, (host, port, timeout) -> true, Clock.systemUTC(), d -> { },
                BoothNetwork::defaultTarget);
    }

    @Test
    void discoveryFromTheFixtureBoothFindsBothPisWithTheirCurrentAddresses() {
        List<DiscoveredPi> pis = network(HostSnapshot.Platform.MACOS, Optional.empty(), new java.util.ArrayList<>())
                .discover(BoothSnapshots.macOs(BoothSnapshots.macOsFiles()));
        assertEquals(List.of("b8:27:eb:5b:0d:0f 192.168.2.101", "b8:27:eb:a1:5f:5a 192.168.2.7"),
                pis.stream().map(p -> p.mac() + " " + p.currentIp().orElseThrow()).toList());
    }

    @Test
    void liveChecksRunCheckFiveOverTheWiredShell() {
        RemoteShell shell = (target, command, timeout) -> new CommandResult(0, "", "");
        List<CheckResult> results = network(HostSnapshot.Platform.MACOS, Optional.of(shell), new java.util.ArrayList<>())
                .check(BoothSnapshots.macOs(BoothSnapshots.macOsFiles()), true);
        assertEquals("PASS api-server the API server on rpi1 accepts connections at 192.168.2.101:6443",
                results.get(results.size() - 1).line());
    }

    @Test
    void sharingPaneMatchesTheMacOsVersion() throws Exception {
        List<List<String>> ran = new java.util.ArrayList<>();
        BoothNetwork network = network(HostSnapshot.Platform.MACOS, Optional.empty(), ran);
        network.openSharingPane(BoothSnapshots.macOs(BoothSnapshots.macOsFiles()));
        Map<String, String> monterey = BoothSnapshots.macOsFiles();
        monterey.put(SnapshotFiles.SW_VERS, "ProductName:\tmacOS\nProductVersion:\t12.7.4\n");
        network.openSharingPane(BoothSnapshots.macOs(monterey));
        assertEquals(List.of(List.of("open", "x-apple.systempreferences:com.apple.Sharing-Settings.extension"),
                List.of("open", "x-apple.systempreferences:com.apple.preferences.sharing?Internet")), ran);
    }

    @Test
    void linuxApplyNeedsASharedConnection() {
        HostSnapshot notShared = new HostSnapshot(HostSnapshot.Platform.LINUX,
                Map.of(SnapshotFiles.IP_ADDR, Fixtures.text("written/ip-addr.txt"), SnapshotFiles.NMCLI_CONNECTIONS, ""),
                Map.of(), Set.of(), Optional.empty());
        ApplyException e = assertThrows(ApplyException.class,
                () -> network(HostSnapshot.Platform.LINUX, Optional.empty(), new java.util.ArrayList<>()).applier(notShared));
        assertEquals("no wired connection is shared to other computers; share it first (nmcli connection modify <name> ipv4.method shared)",
                e.getMessage());
    }

    @Test
    void sshConfigGivesTheChecksTheUserPortKeyAndHostNameThePlugMethodsUse() {
        io.pirack.ssh.SshConfigResolver config = io.pirack.ssh.SshConfigResolver.parse(
                "Host rpi1\n  HostName 127.0.0.1\n  User alice\n  Port 2222\n  IdentityFile ~/.ssh/booth\n", java.nio.file.Path.of("/home/me"), "me");
        io.pirack.core.rack.PiSlot slot = io.pirack.core.rack.PiSlot.of("rpi1", io.pirack.core.cluster.NodeRole.CONTROL_PLANE)
                .withIp("192.168.2.101");
        io.pirack.ssh.SshTarget planned = BoothNetwork.configured(config).apply(slot, "192.168.2.101");
        assertEquals(new io.pirack.ssh.SshTarget("rpi1", "127.0.0.1", 2222, "alice", java.nio.file.Path.of("/home/me/.ssh/booth")), planned);
        io.pirack.ssh.SshTarget whereItIsNow = BoothNetwork.configured(config).apply(slot, "192.168.2.7");
        assertEquals("192.168.2.7", whereItIsNow.host(), "before a rebind PiRack reaches the Pi where it is");
        assertEquals("alice", whereItIsNow.user());
    }
}
