package io.pirack.ui.network;

import io.pirack.core.net.ApplyStage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.net.BoothSnapshots;
import io.pirack.core.net.CheckResult;
import io.pirack.core.preflight.CheckStatus;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.net.NetworkApplyService;
import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteShell;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkViewModelTest {

    @TempDir
    Path dir;
    private NetworkBooth booth;
    private final List<RackSpec> saved = new ArrayList<>();
    private final List<List<String>> remote = new ArrayList<>();

    /** A Pi running NetworkManager whose ACT LED offers the timer trigger. */
    private final RemoteShell pi = (target, command, timeout) -> {
        remote.add(command.argv());
        if (command.argv().get(0).equals("pirack-rebind")) {
            return new CommandResult(0, "rebinding eth0 with NetworkManager in 2 s\n", "");
        }
        if (command.argv().get(0).equals("cat")) {
            return new CommandResult(0, "none [mmc0] timer heartbeat\n", "");
        }
        return new CommandResult(0, "", "");
    };

    @BeforeEach
    void booth() throws Exception {
        booth = new NetworkBooth(dir);
    }

    private NetworkViewModel model(RackSpec rack) {
        return booth.model(booth.network(pi), () -> rack, saved::add);
    }

    private NetworkViewModel checked(RackSpec rack) {
        NetworkViewModel model = model(rack);
        model.rerun();
        return model;
    }

    private static RackSpec unassignedRack() {
        return new RackSpec("Booth", List.of(PiSlot.of("rpi1", NodeRole.CONTROL_PLANE), PiSlot.of("rpi2", NodeRole.WORKER)),
                "192.168.2.0/24", io.pirack.core.rack.PlugMethod.STOP_AGENT, null, RackSpec.DEFAULT_DEAD_MAN_SECONDS);
    }

    @Test
    void checksFromTheCapturedFolderListTheMissingBootptabEntryWithItsFix() {
        NetworkViewModel model = checked(BoothSnapshots.rack());
        CheckResult bootptab = model.checks().stream().filter(c -> c.actionId().equals(CheckResult.WRITE_BOOTPTAB)).findFirst()
                .orElseThrow(() -> new AssertionError(model.checks()));
        assertEquals(CheckStatus.FAIL, bootptab.status());
        assertEquals("Write bootptab…", NetworkViewModel.actionLabel(bootptab).orElseThrow());
        assertTrue(model.checks().stream().anyMatch(c -> c.status() == CheckStatus.SKIP && c.message().startsWith("offline")),
                "the SSH checks skip on a captured folder");
        assertFalse(model.busyProperty().get());
        assertEquals(1.0, model.progressProperty().get());
    }

    @Test
    void discoveredPisShowMacCurrentAddressAndTheirSlot() {
        NetworkViewModel model = checked(BoothSnapshots.rack());
        assertEquals(List.of("b8:27:eb:5b:0d:0f 192.168.2.101 rpi1 192.168.2.101", "b8:27:eb:a1:5f:5a 192.168.2.7 rpi2 192.168.2.102"),
                model.pis().stream().map(p -> p.mac() + " " + p.currentIp() + " " + p.slot() + " " + p.plannedIp()).toList());
    }

    @Test
    void assigningAPiToASlotSuggestsAddressesInSlotOrderAndSavesTheRack() {
        NetworkViewModel model = checked(unassignedRack());
        NetworkViewModel.PiRow second = model.pis().get(1);
        model.assign(second, "rpi2");
        assertEquals("192.168.2.102", model.pis().get(1).plannedIp());
        RackSpec rack = saved.get(saved.size() - 1);
        assertEquals("b8:27:eb:a1:5f:5a", rack.slot("rpi2").orElseThrow().mac());
        assertEquals("192.168.2.101", rack.slot("rpi1").orElseThrow().ip());
        assertEquals("192.168.2.102", rack.slot("rpi2").orElseThrow().ip());
    }

    @Test
    void anAddressOutsideTheSubnetIsRefusedWithASentenceAndNotSaved() {
        NetworkViewModel model = checked(BoothSnapshots.rack());
        assertFalse(model.setPlannedIp("rpi2", "10.0.0.5"));
        assertEquals("rpi2: 10.0.0.5 is outside the booth subnet 192.168.2.0/24", model.messageProperty().get());
        assertTrue(saved.isEmpty());
    }

    @Test
    void applyShowsTheBootptabDiffBeforeAnyPrompt() throws Exception {
        booth.cancelPrompt();
        NetworkViewModel model = checked(BoothSnapshots.rack());
        model.apply().prepare();
        assertEquals(NetworkApplyModel.State.PREVIEW, model.apply().stateProperty().get());
        assertTrue(model.apply().diff().stream().anyMatch(l -> l.startsWith("+") && l.contains("b8:27:eb:a1:5f:5a") && l.contains("192.168.2.102")),
                String.join("\n", model.apply().diff()));
        assertFalse(Files.exists(booth.osascriptLog), "no administrator prompt before the presenter confirms");
    }

    @Test
    void aCancelledPasswordPromptAppliesNothing() throws Exception {
        booth.cancelPrompt();
        NetworkViewModel model = checked(BoothSnapshots.rack());
        model.apply().prepare();
        model.apply().confirm();
        assertEquals(NetworkApplyModel.State.FAILED, model.apply().stateProperty().get());
        assertEquals("The administrator prompt was cancelled: nothing was applied.", model.apply().messageProperty().get());
        assertArrayEquals(NetworkBooth.BOOTPTAB.getBytes(StandardCharsets.ISO_8859_1), booth.bootptabBytes());
        assertTrue(Files.exists(booth.osascriptLog), "the prompt was shown");
        assertTrue(remote.isEmpty(), "no Pi was touched");
        assertTrue(saved.isEmpty());
    }

    @Test
    void applyWritesBootptabRebindsTheDynamicPiAndSavesTheRack() throws Exception {
        booth.acceptPrompt();
        NetworkViewModel model = checked(BoothSnapshots.rack());
        model.apply().prepare();
        model.apply().confirm();
        assertEquals(NetworkApplyModel.State.DONE, model.apply().stateProperty().get(), model.apply().messageProperty().get());
        String written = new String(booth.bootptabBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(written.contains("rpi2\t1\tb8:27:eb:a1:5f:5a\t192.168.2.102\n"), written);
        assertTrue(written.startsWith(NetworkBooth.BOOTPTAB.substring(0, NetworkBooth.BOOTPTAB.indexOf("rpi1"))), "comments kept");
        assertEquals(List.of("rpi1 ALREADY_THERE", "rpi2 AT_NEW_ADDRESS"),
                model.apply().rows().stream().map(r -> r.hostname() + " " + r.stage()).toList());
        assertTrue(remote.contains(List.of("pirack-rebind", "eth0")), remote.toString());
        assertEquals("192.168.2.102", saved.get(saved.size() - 1).slot("rpi2").orElseThrow().ip());
        assertTrue(model.apply().messageProperty().get().endsWith("2 of 2 Pis at their fixed addresses."), model.apply().messageProperty().get());
    }

    @Test
    void identifyBlinksTheLedAndAPressAgainRestoresTheSavedTrigger() {
        NetworkViewModel model = checked(BoothSnapshots.rack());
        NetworkViewModel.PiRow rpi2 = model.pis().get(1);
        model.toggleIdentify(rpi2);
        assertTrue(model.pis().get(1).blinking());
        assertEquals("rpi2 is blinking its green LED for 30 s.", model.messageProperty().get());
        model.toggleIdentify(model.pis().get(1));
        assertFalse(model.pis().get(1).blinking());
        assertEquals("rpi2's LED is back to mmc0.", model.messageProperty().get());
        assertEquals(List.of("/bin/sh", "-c", "printf '%s\\n' \"$1\" > \"$2\"", "pirack-led", "mmc0", "/sys/class/leds/ACT/trigger"),
                remote.get(remote.size() - 1));
    }

    @Test
    void applyWithoutAnyAssignedPiSaysWhatToDoFirst() {
        NetworkViewModel model = checked(unassignedRack());
        model.apply().prepare();
        assertEquals(NetworkApplyModel.State.FAILED, model.apply().stateProperty().get());
        assertEquals("Nothing was applied: assign the Pis to slots first (each slot needs a MAC and an address).",
                model.apply().messageProperty().get());
    }

    @Test
    void theStageOfEachPiHasAnIconAndAWord() {
        for (ApplyStage stage : ApplyStage.values()) {
            assertTrue(NetworkStyles.badge(stage).matches("\\S \\p{Upper}+"), stage.name());
        }
    }

    @Test
    void theSharingPaneActionOpensSystemSettingsForThisMacOsVersion() {
        NetworkViewModel model = checked(BoothSnapshots.rack());
        model.runAction(CheckResult.fail("internet-sharing", "off", List.of(), "turn it on", CheckResult.OPEN_SHARING_PANE));
        assertEquals(List.of("open x-apple.systempreferences:com.apple.Sharing-Settings.extension"), booth.commands);
        assertEquals("Opened the Sharing settings: turn on Internet Sharing to the USB adapter, then press \u201cRe-run checks\u201d.", model.messageProperty().get());
    }

    @Test
    void aRackWithTwoSlotsOnOneAddressIsRefusedBeforeAnyPrompt() throws Exception {
        booth.acceptPrompt();
        RackSpec clash = BoothSnapshots.rack().replaceSlot(BoothSnapshots.rack().slot("rpi2").orElseThrow().withIp("192.168.2.101"));
        NetworkViewModel model = checked(clash);
        model.apply().prepare();
        assertEquals(NetworkApplyModel.State.FAILED, model.apply().stateProperty().get());
        assertEquals("Nothing was applied: slot rpi2: IP address 192.168.2.101 is also used by slot rpi1", model.apply().messageProperty().get());
        model.apply().confirm();
        assertFalse(Files.exists(booth.osascriptLog), "no prompt");
        assertArrayEquals(NetworkBooth.BOOTPTAB.getBytes(StandardCharsets.ISO_8859_1), booth.bootptabBytes());
    }

    @Test
    void onLinuxTheDhcpHostFileIsShownAndADismissedPolkitDialogWritesNothing() throws Exception {
        booth.captureLinux();
        booth.dismissPkexec();
        RackSpec rack = new RackSpec("Booth", List.of(PiSlot.of("rpi1", NodeRole.CONTROL_PLANE).withMac("3c:6d:66:61:da:f1")
                .withIp("10.42.0.110")), "10.42.0.0/24", io.pirack.core.rack.PlugMethod.STOP_AGENT, null, RackSpec.DEFAULT_DEAD_MAN_SECONDS);
        NetworkViewModel model = checked(rack);
        model.apply().prepare();
        assertEquals("/etc/NetworkManager/dnsmasq-shared.d/pirack.conf", model.apply().diffTargetProperty().get());
        assertTrue(model.apply().diff().contains("+dhcp-host=3c:6d:66:61:da:f1,id:*,10.42.0.110,rpi1"), String.join("\n", model.apply().diff()));
        model.apply().confirm();
        assertEquals("The administrator prompt was cancelled: nothing was applied.", model.apply().messageProperty().get());
        assertFalse(Files.exists(booth.root.resolve("etc/NetworkManager")), "nothing was written");
    }

    @Test
    void aToolThatCannotStartIsASentenceNotTheLaunchersError() {
        io.pirack.net.SnapshotSource broken = new io.pirack.net.SnapshotSource() {
            @Override
            public io.pirack.core.net.HostSnapshot capture(java.util.Optional<RackSpec> rack) throws java.io.IOException {
                throw new java.io.IOException("Cannot run program \"ifconfig\": error=2, No such file or directory");
            }

            @Override
            public boolean live() {
                return true;
            }
        };
        NetworkViewModel model = new NetworkViewModel(new io.pirack.app.SessionNetworkBackend(booth.network(pi), broken,
                BoothSnapshots::rack, saved::add, () -> false, java.util.Map::of, java.util.Optional.empty()), Runnable::run, Runnable::run);
        model.rerun();
        assertEquals("Could not read this computer's network settings: ifconfig is not installed on this computer.",
                model.messageProperty().get());
        assertFalse(model.busyProperty().get());
    }

    @Test
    void writeFixedAddressesSaysWhereTheDiffIsBeforeAnyPrompt() throws Exception {
        booth.cancelPrompt();
        NetworkViewModel model = checked(BoothSnapshots.rack());
        model.runAction(CheckResult.fail("bootptab", "rpi2 has no entry", List.of(), "write it", CheckResult.WRITE_BOOTPTAB));
        assertEquals("The changes to /etc/bootptab are shown under Apply below: check them, then press \u201cWrite and apply\u2026\u201d.",
                model.messageProperty().get());
        assertFalse(model.apply().diff().isEmpty());
        assertFalse(Files.exists(booth.osascriptLog), "no administrator prompt yet");
    }

    @Test
    void withoutPisTheScreenSaysHowToFindThemAndWhichAddressesToExpect() {
        NetworkViewModel model = model(unassignedRack());
        assertEquals("No Raspberry Pi seen yet on the booth network. Plug each Pi's Ethernet cable into the switch or USB adapter, power it "
                + "and wait about a minute for it to boot, then press \u201cScan again\u201d. They should get an address between 192.168.2.2 "
                + "and 192.168.2.254 from 192.168.2.1.", model.noPisHint());
    }

    @Test
    void theRackMovesToTheSubnetThisComputerSharesKeepingEachAddressesLastNumber() throws Exception {
        booth.captureLinux();
        NetworkViewModel model = checked(BoothSnapshots.rack());
        CheckResult subnet = model.checks().stream().filter(c -> c.id().equals("rack-subnet")).findFirst().orElseThrow();
        assertEquals("FAIL rack-subnet the rack plans 192.168.2.0/24 but this computer shares 10.42.0.0/24", subnet.line());
        assertEquals("Linux · NetworkManager shared · 10.42.0.0/24", model.hostProperty().get());
        model.runAction(subnet);
        RackSpec moved = saved.get(saved.size() - 1);
        assertEquals("10.42.0.0/24", moved.subnet());
        assertEquals("10.42.0.102", moved.slot("rpi2").orElseThrow().ip());
    }
}
