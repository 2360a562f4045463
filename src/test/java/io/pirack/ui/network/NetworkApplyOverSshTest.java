package io.pirack.ui.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.net.BoothSnapshots;
import io.pirack.core.rack.RackSpec;
import io.pirack.testing.OpenSshServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apply from the Network screen's view model, end to end: bootptab under a temp root through the
 * stand-in administrator prompt, and rpi2 (still on a dynamic address) released and rebound over a
 * real OpenSSH server whose stand-ins record the exact commands.
 */
class NetworkApplyOverSshTest {

    @RegisterExtension
    static final OpenSshServer PI = new OpenSshServer();

    @TempDir
    Path dir;
    private NetworkBooth booth;
    private final List<RackSpec> saved = new ArrayList<>();

    @BeforeEach
    void booth() throws Exception {
        booth = new NetworkBooth(dir);
        PI.addStandIn("systemctl", "[ \"$1\" = is-active ] || exit 2; shift\n"
                + "for u in \"$@\"; do echo \"$(cat \"$STATE/unit.$u\" 2>/dev/null || echo inactive)\"; done");
        // The Pi's NetworkManager: its rebind runs detached, after the session; "nmcli device up" tells a test through a FIFO.
        PI.addStandIn("nmcli", "[ \"$2\" = up ] && [ -p \"$STATE/rebound\" ] && echo up > \"$STATE/rebound\"; true");
        PI.addStandIn("sleep", "true");
        Files.createDirectories(PI.stateDir().resolve("sysfs/class/net/eth0"));
        PI.installUnit("NetworkManager", true);
    }

    private NetworkViewModel model() throws Exception {
        NetworkViewModel model = booth.model(booth.network(PI.trustingShell(), (slot, host) -> PI.target(slot.hostname())),
                BoothSnapshots::rack, saved::add);
        model.rerun();
        model.apply().prepare();
        return model;
    }

    @Test
    void applyWritesBootptabThenRebindsOnlyTheDynamicPiOverSsh() throws Exception {
        booth.acceptPrompt();
        Path fifo = PI.stateDir().resolve("rebound");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        NetworkViewModel model = model();
        model.apply().confirm();
        // The detached rebind finishes on the Pi (and leaves nothing running into the next test).
        assertEquals("up", java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo).strip();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(20, java.util.concurrent.TimeUnit.SECONDS));

        assertEquals(NetworkApplyModel.State.DONE, model.apply().stateProperty().get(), model.apply().rows().toString());
        assertEquals(List.of(List.of("sudo", "-n", "pirack-rebind", "eth0")), PI.calls("sudo"), "only the rebind needs root on the Pi");
        String bootptab = Files.readString(booth.bootptab, StandardCharsets.ISO_8859_1);
        assertTrue(bootptab.endsWith("rpi2\t1\tb8:27:eb:a1:5f:5a\t192.168.2.102\n# END PiRack entries\n"), bootptab);
        assertTrue(Files.list(booth.bootptab.getParent()).anyMatch(p -> p.getFileName().toString().startsWith(".bootptab.pirack-backup-")),
                "the old bootptab is kept");
        assertEquals("192.168.2.102", saved.get(saved.size() - 1).slot("rpi2").orElseThrow().ip());
    }

    @Test
    void aCancelledPromptTouchesNeitherTheFileNorAnyPi() throws Exception {
        booth.cancelPrompt();
        NetworkViewModel model = model();
        model.apply().confirm();

        assertEquals("The administrator prompt was cancelled: nothing was applied.", model.apply().messageProperty().get());
        assertArrayEquals(NetworkBooth.BOOTPTAB.getBytes(StandardCharsets.ISO_8859_1), booth.bootptabBytes());
        assertEquals(List.of(), PI.calls(), "no command ran on any Pi");
        assertEquals(List.of(), saved);
    }
}
