package io.pirack.core.net;

import io.pirack.core.preflight.CheckStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.rack.RackSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DoctorChecksTest {

    private static CheckResult check(List<CheckResult> results, String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no " + id + " in " + results));
    }

    private static List<CheckResult> runWith(String file, String content) {
        Map<String, String> files = BoothSnapshots.macOsFiles();
        files.put(file, content);
        return DoctorChecks.run(BoothSnapshots.macOs(files));
    }

    @Test
    void boothFromTheFixturesPassesExceptThePiOnADynamicAddress() {
        List<String> lines = DoctorChecks.run(BoothSnapshots.macOs(BoothSnapshots.macOsFiles())).stream().map(CheckResult::line).toList();
        assertEquals(List.of(
                "PASS internet-sharing Internet Sharing is on for en12 and its service is running",
                "PASS sharing-bridge bridge100 has 192.168.2.1/24 with member en12",
                "PASS rack-subnet the rack plans 192.168.2.0/24, the subnet this computer shares",
                "PASS vm-network no virtual machine network on this computer",
                "PASS bootptab 2 entries load, one per rack Pi",
                "PASS pi-address:rpi1 rpi1 is at its planned address 192.168.2.101",
                "FAIL pi-address:rpi2 rpi2 is at 192.168.2.7, not at its planned 192.168.2.102",
                "PASS client-id no lease uses a non-MAC client identifier"), lines);
    }

    @Test
    void piOnADynamicAddressGetsTheReleaseRebindAction() {
        CheckResult rpi2 = check(DoctorChecks.run(BoothSnapshots.macOs(BoothSnapshots.macOsFiles())), "pi-address:rpi2");
        assertEquals("release-rebind:rpi2", rpi2.actionId());
        assertEquals(List.of("ARP: b8:27:eb:a1:5f:5a at 192.168.2.7"), rpi2.evidence());
    }

    @Test
    void sharingToAnotherAdapterThanTheBridgeMemberFails() {
        CheckResult sharing = check(runWith(SnapshotFiles.NAT_PLIST, Fixtures.text("macos/com.apple.nat.plist")), "internet-sharing");
        assertEquals(CheckStatus.FAIL, sharing.status());
        assertEquals("Internet Sharing shares to en5 but the Pis' adapter is en12", sharing.message());
        assertEquals(CheckResult.OPEN_SHARING_PANE, sharing.actionId());
    }

    @Test
    void natDisabledFailsWithTheSharingPaneAction() {
        String off = BoothSnapshots.macOsFiles().get(SnapshotFiles.NAT_PLIST)
                .replace("<integer>1</integer>\n    <key>NatPortMapDisabled", "<integer>0</integer>\n    <key>NatPortMapDisabled");
        CheckResult sharing = check(runWith(SnapshotFiles.NAT_PLIST, off), "internet-sharing");
        assertEquals("FAIL internet-sharing Internet Sharing is off (NAT.Enabled = 0)", sharing.line());
        assertEquals("open-sharing-pane", sharing.actionId());
    }

    @Test
    void sharingServiceNotLoadedFails() {
        CheckResult sharing = check(runWith(SnapshotFiles.LAUNCHCTL_SHARING, Fixtures.text("written/launchctl-networksharing.missing.txt")),
                "internet-sharing");
        assertEquals("FAIL internet-sharing Internet Sharing is switched on but its service is not running (not loaded)", sharing.line());
    }

    @Test
    void noBridgeWhenSharingIsOff() {
        CheckResult bridge = check(runWith(SnapshotFiles.IFCONFIG, Fixtures.text("macos/ifconfig-bridge100.sharing-off.txt")), "sharing-bridge");
        assertEquals(CheckStatus.FAIL, bridge.status());
        assertEquals("no sharing bridge has the gateway address 192.168.2.1 with the USB adapter as member", bridge.message());
    }

    @Test
    void vmnetBridgeOnTheSameSubnetIsACollisionWithItsFix() {
        List<CheckResult> results = runWith(SnapshotFiles.IFCONFIG, Fixtures.text("written/ifconfig-vmnet-and-sharing.txt"));
        assertEquals(CheckStatus.PASS, check(results, "sharing-bridge").status(), "the USB adapter's bridge is still found");
        CheckResult vm = check(results, "vm-network");
        assertEquals("FAIL vm-network bridge101 belongs to a virtual machine app on Apple's vmnet (UTM, Multipass, Lima, tart or Parallels) "
                + "and already holds 192.168.2.1/24 on 192.168.2.0/24, the subnet Internet Sharing gives the Pis: the Pis may get the "
                + "virtual machine's addresses or none", vm.line());
        assertTrue(vm.evidence().contains("bridge101 192.168.2.1/24 members [vmenet0] (a virtual machine app on Apple's vmnet (UTM, "
                + "Multipass, Lima, tart or Parallels))"), vm.evidence().toString());
        assertTrue(vm.fix().startsWith("Stop the virtual machines (multipass stop --all"), vm.fix());
    }

    @Test
    void vmnetBridgeAloneIsNotInternetSharing() {
        String vmOnly = Fixtures.text("written/ifconfig-vmnet-and-sharing.txt").replace("member: en12", "member: vmenet1");
        CheckResult bridge = check(runWith(SnapshotFiles.IFCONFIG, vmOnly), "sharing-bridge");
        assertEquals(CheckStatus.FAIL, bridge.status());
        assertTrue(bridge.message().contains("its member vmenet1 is a virtual machine's network, not Internet Sharing's USB adapter"),
                bridge.message());
    }

    @Test
    void bootptabErrorsFailWithTheWriteAction() {
        CheckResult bootptab = check(runWith(SnapshotFiles.BOOTPTAB, "rpi1 1 b8:27:eb:5b:0d:0f 192.168.2.101\n"), "bootptab");
        assertEquals(CheckStatus.FAIL, bootptab.status());
        assertEquals("write-bootptab", bootptab.actionId());
        assertTrue(bootptab.evidence().contains("rpi2 (b8:27:eb:a1:5f:5a) has no entry"), bootptab.evidence().toString());
    }

    @Test
    void bootptabWithoutFinalNewlineIsRejected() {
        String text = Fixtures.text("macos/bootptab.seed-article");
        CheckResult bootptab = check(runWith(SnapshotFiles.BOOTPTAB, text.substring(0, text.length() - 1)), "bootptab");
        assertEquals(CheckStatus.FAIL, bootptab.status());
        assertTrue(bootptab.message().contains("does not end with a newline"), bootptab.message());
    }

    @Test
    void bootptabPlanningAnotherAddressFails() {
        String text = Fixtures.text("macos/bootptab.seed-article").replace("192.168.2.102", "192.168.2.120");
        CheckResult bootptab = check(runWith(SnapshotFiles.BOOTPTAB, text), "bootptab");
        assertEquals("FAIL bootptab 1 problem, first: rpi2 is planned at 192.168.2.102 but line 8 says rpi2 b8:27:eb:a1:5f:5a 192.168.2.120",
                bootptab.line());
    }

    @Test
    void absentBootptabIsAFindingNotASkip() {
        Map<String, String> files = BoothSnapshots.macOsFiles();
        files.remove(SnapshotFiles.BOOTPTAB);
        HostSnapshot snapshot = new HostSnapshot(HostSnapshot.Platform.MACOS, files, Map.of(), Set.of(SnapshotFiles.BOOTPTAB),
                Optional.of(BoothSnapshots.rack()));
        CheckResult bootptab = check(DoctorChecks.run(snapshot), "bootptab");
        assertEquals("FAIL bootptab there is no /etc/bootptab, so every Pi gets a dynamic address", bootptab.line());
    }

    @Test
    void missingFilesSkipTheirChecksWithTheReason() {
        HostSnapshot empty = new HostSnapshot(HostSnapshot.Platform.MACOS, Map.of(),
                Map.of(SnapshotFiles.NAT_PLIST, "com.apple.nat.plist is not in /x"), Set.of(), Optional.empty());
        List<String> lines = DoctorChecks.run(empty).stream().map(CheckResult::line).toList();
        assertEquals(List.of(
                "SKIP internet-sharing com.apple.nat.plist is not in /x",
                "SKIP sharing-bridge ifconfig.txt was not captured",
                "SKIP bootptab bootptab was not captured",
                "SKIP pi-address rack.json was not captured",
                "SKIP client-id dhcpd_leases was not captured"), lines);
    }

    @Test
    void duidClientIdOnARackPiFailsWithTheFix() {
        RackSpec rack = BoothSnapshots.rack();
        rack = rack.replaceSlot(io.pirack.core.rack.PiSlot.of("rpi3", io.pirack.core.cluster.NodeRole.WORKER)
                .withMac("d8:3a:dd:01:02:03").withIp("192.168.2.103"));
        Map<String, String> files = BoothSnapshots.macOsFiles();
        files.put(SnapshotFiles.DHCPD_LEASES, Fixtures.text("written/dhcpd_leases.duid"));
        List<CheckResult> results = DoctorChecks.run(new HostSnapshot(HostSnapshot.Platform.MACOS, files, Map.of(), Set.of(), Optional.of(rack)));
        CheckResult flagged = check(results, "client-id:rpi3");
        assertEquals(CheckStatus.FAIL, flagged.status());
        assertEquals("rpi3 at 192.168.2.7 sends a non-MAC client identifier (ff,f3:9c:2a:1b:0:1:0:...), which does not match a MAC entry",
                flagged.message());
        assertTrue(flagged.fix().contains("clientid") && flagged.fix().contains("dhcp_ignore_client_identifier"), flagged.fix());
        assertEquals("FAIL pi-address:rpi3 rpi3 is at 192.168.2.7, not at its planned 192.168.2.103", check(results, "pi-address:rpi3").line());
    }

    @Test
    void linuxSharedModeWithPiRacksHostFile() {
        RackSpec rack = BoothSnapshots.rack().withSlots(List.of(
                BoothSnapshots.rack().slots().get(0).withMac("3c:6d:66:61:da:f1").withIp("10.42.0.110")));
        rack = new RackSpec(rack.name(), rack.slots(), "10.42.0.0/24", rack.defaultPlugMethod(), null, rack.deadManSeconds());
        Map<String, String> files = Map.of(
                SnapshotFiles.IP_ADDR, Fixtures.text("written/ip-addr.txt"),
                SnapshotFiles.NMCLI_CONNECTIONS, Fixtures.text("written/nmcli-connections.txt"),
                SnapshotFiles.DNSMASQ_LEASES, Fixtures.text("linux/dnsmasq-eth0.leases"),
                SnapshotFiles.DNSMASQ_SHARED_DIR + "/pirack.conf", DnsmasqHostsFile.render(
                        StaticLeasePlan.fromRack(rack).leases()));
        List<String> lines = DoctorChecks.run(new HostSnapshot(HostSnapshot.Platform.LINUX, files, Map.of(), Set.of(), Optional.of(rack)))
                .stream().map(CheckResult::line).toList();
        assertEquals(List.of(
                "PASS internet-sharing connection 'Wired connection 1' shares eth0 at 10.42.0.1/24",
                "PASS sharing-interface eth0 has 10.42.0.1/24",
                "PASS rack-subnet the rack plans 10.42.0.0/24, the subnet this computer shares",
                "PASS vm-network no virtual machine network uses 10.42.0.0/24 (1 elsewhere)",
                "PASS dhcp-hosts 1 dhcp-host lines in 1 file(s)",
                "WARN pi-address:rpi1 rpi1 (3c:6d:66:61:da:f1) is not in ARP or the lease file",
                "PASS client-id no lease uses a non-MAC client identifier"), lines);
    }

    @Test
    void linuxDuplicateDhcpHostsFail() {
        Map<String, String> files = Map.of(SnapshotFiles.IP_ADDR, Fixtures.text("written/ip-addr.txt"),
                SnapshotFiles.DNSMASQ_SHARED_DIR + "/pirack.conf", "dhcp-host=dc:a6:32:00:00:01,id:*,10.42.0.101,rpi1\n"
                        + "dhcp-host=dc:a6:32:00:00:02,10.42.0.101,rpi1\n");
        CheckResult hosts = check(DoctorChecks.run(new HostSnapshot(HostSnapshot.Platform.LINUX, files, Map.of(), Set.of(),
                Optional.empty())), "dhcp-hosts");
        assertEquals(List.of("dnsmasq-shared.d/pirack.conf:2: error: duplicate IP address 10.42.0.101",
                "dnsmasq-shared.d/pirack.conf:2: error: duplicate hostname rpi1"), hosts.evidence());
    }

    @Test
    void linuxWithoutDhcpHostFileFails() {
        Map<String, String> files = Map.of(SnapshotFiles.IP_ADDR, Fixtures.text("written/ip-addr.txt"));
        List<CheckResult> results = DoctorChecks.run(new HostSnapshot(HostSnapshot.Platform.LINUX, files, Map.of(),
                Set.of(SnapshotFiles.DNSMASQ_SHARED_DIR), Optional.of(BoothSnapshots.rack())));
        CheckResult hosts = check(results, "dhcp-hosts");
        assertEquals(CheckStatus.FAIL, hosts.status());
        assertEquals("write-dhcp-hosts", hosts.actionId());
    }
}
