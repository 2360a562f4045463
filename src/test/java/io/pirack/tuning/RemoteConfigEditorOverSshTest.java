package io.pirack.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.tuning.AppliedEdit;
import io.pirack.core.tuning.ArgsFilePlan;
import io.pirack.core.tuning.FlagChanges;
import io.pirack.core.tuning.KubeVersion;
import io.pirack.core.tuning.PreparedEdit;
import io.pirack.core.tuning.RestartAction;
import io.pirack.core.tuning.StaticPodManifestPlan;
import io.pirack.core.tuning.TuningFixtures;
import io.pirack.testing.OpenSshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RemoteConfigEditor} through a real OpenSSH server on loopback (sshj, sudo stand-in) with
 * real files in a temporary folder: backup, validation, atomic write, restart, revert byte for byte.
 */
class RemoteConfigEditorOverSshTest {

    @RegisterExtension
    static final OpenSshServer PI = new OpenSshServer();

    private static final Instant NOW = Instant.parse("2026-11-26T07:45:00Z");
    private static final FlagChanges GRACE_20S = FlagChanges.setting(new TreeMap<>(Map.of("node-monitor-grace-period", "20s")))
            .removing("pod-eviction-timeout");

    @TempDir
    Path dir;

    private RemoteConfigEditor editor;

    @BeforeEach
    void connect() throws IOException {
        editor = new RemoteConfigEditor(PI.trustingShell(), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(20),
                Duration.ofSeconds(20));
    }

    private StaticPodManifestPlan controllerManagerPlan(Path file) {
        return new StaticPodManifestPlan(file.toString(), "kube-controller-manager", GRACE_20S, KubeVersion.parse("v1.30.2"),
                TuningFixtures.YAML);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }

    @Test
    void manifestEditKeepsATimestampedBackupAndRevertRestoresItByteForByte() throws Exception {
        Path file = dir.resolve("kube-controller-manager.yaml");
        Files.writeString(file, TuningFixtures.resource("kubeadm-kube-controller-manager.seed-article.yaml"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        byte[] original = Files.readAllBytes(file);

        PreparedEdit prepared = editor.prepare(PI.target(), controllerManagerPlan(file));
        assertTrue(prepared.edit().diff().contains("-    - --pod-eviction-timeout=30s"), prepared.edit().diff());
        assertArrayEquals(original, Files.readAllBytes(file), "showing the diff changes nothing");

        AppliedEdit applied = editor.apply(PI.target(), prepared);
        Path backup = dir.resolve(".kube-controller-manager.yaml.pirack-backup-20261126T074500Z");
        assertEquals(backup.toString(), applied.backupPath().orElseThrow());
        assertArrayEquals(original, Files.readAllBytes(backup));
        assertEquals(prepared.edit().after(), Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(backup, file), files(), "hidden backup, no temp file left");

        editor.revert(PI.target(), applied);
        assertArrayEquals(original, Files.readAllBytes(file));
    }

    @Test
    void manifestThatFailsValidationIsLeftUntouchedAndNothingIsWritten() throws Exception {
        Path file = dir.resolve("kube-controller-manager.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: something-else\n    image: x\n");
        byte[] original = Files.readAllBytes(file);

        ConfigEditException e = assertThrows(ConfigEditException.class, () -> editor.prepare(PI.target(), controllerManagerPlan(file)));

        assertTrue(e.getMessage().startsWith(PI.target().alias() + ": "), e.getMessage());
        assertArrayEquals(original, Files.readAllBytes(file));
        assertEquals(List.of(file), files(), "no backup, no temp file");
    }

    @Test
    void argsFileEditRestartsWithSudoAndRevertRestoresAndRestartsAgain() throws Exception {
        PI.addStandIn("microk8s", "exit 0");
        Path args = dir.resolve("kube-controller-manager");
        Files.writeString(args, TuningFixtures.resource("microk8s-kube-controller-manager"));
        byte[] original = Files.readAllBytes(args);

        AppliedEdit applied = editor.apply(PI.target(), editor.prepare(PI.target(),
                new ArgsFilePlan(args.toString(), "kube-controller-manager", GRACE_20S, RestartAction.microk8sStopStart())));

        assertTrue(Files.readString(args).endsWith("--node-monitor-grace-period=20s\n"), Files.readString(args));
        assertTrue(applied.restartProblem().isEmpty(), applied.restartProblem().toString());
        assertEquals(List.of(List.of("microk8s", "stop"), List.of("microk8s", "start")), PI.calls("microk8s"));
        assertFalse(PI.calls("sudo").isEmpty(), "writes and restarts go through sudo");

        editor.revert(PI.target(), applied);
        assertArrayEquals(original, Files.readAllBytes(args));
        assertEquals(4, PI.calls("microk8s").size(), "restarted again after the revert");
    }
}
