package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.net.CapturedHosts;
import io.pirack.net.RackJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pirack doctor --from} on the five captured hosts of issue 22: the host's flavour and subnet
 * come first, every WARN and FAIL has its fix printed under it, and no launcher error text appears.
 */
class DoctorOnCapturedHostsTest {

    @TempDir
    Path dir;

    private CliRun doctor(Path folder) throws IOException {
        CapturedHosts.writeRack(folder, RackJson.toJson(CapturedHosts.defaultRack()));
        CliRun run = CliRun.of("doctor", "--from", folder.toString());
        assertFalse(run.out().contains("Cannot run program") || run.out().contains("Exception") || run.out().contains("error=2"), run.out());
        List<String> lines = run.out().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("(WARN|FAIL) .*")) {
                assertTrue(i + 1 < lines.size() && lines.get(i + 1).startsWith("     fix: "), "a fix under " + lines.get(i));
            }
        }
        return run;
    }

    @Test
    void linuxWithoutNetworkManagerSaysSoWithWhatToDo() throws IOException {
        CliRun run = doctor(CapturedHosts.linuxWithoutNetworkManager(dir));
        assertTrue(run.out().startsWith("This computer: Linux · no sharing found · expects 10.42.0.0/24\n"), run.out());
        assertTrue(run.out().contains("FAIL internet-sharing NetworkManager is not installed or not running (nmcli is not installed on this "
                + "computer); PiRack checks a NetworkManager 'shared' connection on Linux\n"
                + "     fix: Install and start NetworkManager (sudo apt install network-manager; sudo systemctl enable --now NetworkManager)"),
                run.out());
        assertEquals(1, run.exitCode());
    }

    @Test
    void linuxWithDnsmasqByHandIsRecognisedAndToldWhereFixedAddressesGo() throws IOException {
        CliRun run = doctor(CapturedHosts.linuxDnsmasqByHand(dir));
        assertTrue(run.out().startsWith("This computer: Linux · dnsmasq by hand · 10.77.0.0/24\n"), run.out());
        assertTrue(run.out().contains("WARN internet-sharing a dnsmasq started by hand serves 10.77.0.0/24 on eth0: PiRack checks it, "
                + "but writes fixed addresses only for NetworkManager\n     fix: Add one line per Pi to that dnsmasq's configuration and "
                + "restart it, e.g. dhcp-host=b8:27:eb:xx:xx:xx,id:*,rpi1,10.77.0.101\n"), run.out());
        assertTrue(run.out().contains("SKIP dhcp-hosts the dnsmasq started by hand has no --conf-dir, so PiRack cannot see its fixed "
                + "addresses"), run.out());
    }

    @Test
    void aDnsmasqByHandBoothWithIdIgnoringFixedAddressesHasNoFailure() {
        CliRun run;
        try {
            run = CliRun.of("doctor", "--from", CapturedHosts.linuxDnsmasqByHandWithFixedAddresses(dir).toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(run.out().startsWith("This computer: Linux · dnsmasq by hand · 10.77.0.0/24\n"), run.out());
        assertTrue(run.out().contains("PASS dhcp-hosts 1 dhcp-host lines in 1 file(s)\n"), run.out());
        assertTrue(run.out().contains("PASS pi-address:rpi1 rpi1 is at its planned address 10.77.0.11\n"), run.out());
        assertTrue(run.out().contains("WARN client-id:rpi1 "), "a DUID is harmless once the lines say id:*: " + run.out());
        assertFalse(run.out().contains("FAIL "), run.out());
        assertEquals(0, run.exitCode(), run.out());
    }

    @Test
    void linuxNetworkManagerSharedIsCheckedAgainstItsOwnGatewayAndTheRackSubnetIsAFinding() throws IOException {
        CliRun run = doctor(CapturedHosts.linuxNetworkManagerShared(dir));
        assertTrue(run.out().startsWith("This computer: Linux · NetworkManager shared · 10.42.0.0/24\n"), run.out());
        assertTrue(run.out().contains("PASS sharing-interface eth0 has 10.42.0.1/24\n"), run.out());
        assertTrue(run.out().contains("FAIL rack-subnet the rack plans 192.168.2.0/24 but this computer shares 10.42.0.0/24\n"
                + "     fix: Use 10.42.0.0/24 for the rack"), run.out());
        assertFalse(run.out().contains("192.168.2.1 "), "no check expects macOS's gateway on this host");
    }

    @Test
    void macOsWithSharingOnPassesTheHostChecks() throws IOException {
        CliRun run = doctor(CapturedHosts.macOsSharingOn(dir));
        assertTrue(run.out().startsWith("This computer: macOS · Internet Sharing · 192.168.2.0/24\n"), run.out());
        assertTrue(run.out().contains("PASS internet-sharing Internet Sharing is on for en12 and its service is running\n"), run.out());
        assertTrue(run.out().contains("PASS vm-network no virtual machine network on this computer\n"), run.out());
    }

    @Test
    void macOsWithSharingOffPointsAtTheSharingPane() throws IOException {
        CliRun run = doctor(CapturedHosts.macOsSharingOff(dir));
        assertTrue(run.out().startsWith("This computer: macOS · no sharing found · expects 192.168.2.0/24\n"), run.out());
        assertTrue(run.out().contains("FAIL internet-sharing Internet Sharing is off (NAT.Enabled = 0)\n"
                + "     fix: Open System Settings > General > Sharing, turn on Internet Sharing"), run.out());
        assertEquals(1, run.exitCode());
    }

    @Test
    void aVmBridgeOnTheSharingSubnetIsNamedAsTheCollisionWithItsFix() throws IOException {
        CliRun run = doctor(CapturedHosts.macOsVmBridgeOnTheSharingSubnet(dir));
        assertTrue(run.out().contains("FAIL sharing-bridge bridge100 holds 192.168.2.1 but its member vmenet0 is a virtual machine's network, "
                + "not Internet Sharing's USB adapter (see vm-network)\n"), run.out());
        assertTrue(run.out().contains("FAIL vm-network bridge100 belongs to a virtual machine app on Apple's vmnet (UTM, Multipass, Lima, tart "
                + "or Parallels) and already holds 192.168.2.1/24 on 192.168.2.0/24, the subnet Internet Sharing gives the Pis"), run.out());
        assertTrue(run.out().contains("     fix: Stop the virtual machines (multipass stop --all, limactl stop --all, or quit UTM/tart), "
                + "then turn Internet Sharing off and on\n"), run.out());
    }
}
