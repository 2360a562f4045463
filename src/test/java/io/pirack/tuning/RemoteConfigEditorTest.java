package io.pirack.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.tuning.AppliedEdit;
import io.pirack.core.tuning.ArgsFilePlan;
import io.pirack.core.tuning.ConfigEditPlan;
import io.pirack.core.tuning.FlagChanges;
import io.pirack.core.tuning.K3sConfigPlan;
import io.pirack.core.tuning.KubeVersion;
import io.pirack.core.tuning.PreparedEdit;
import io.pirack.core.tuning.RestartAction;
import io.pirack.core.tuning.StaticPodManifestPlan;
import io.pirack.core.tuning.TuningFixtures;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.SshTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.junit.jupiter.api.io.TempDir;

/** The editor's scripts against real files in a temporary folder (through a local shell). */
class RemoteConfigEditorTest {

    private static final SshTarget PI1 = new SshTarget("pi1", "127.0.0.1", 22, "pi", null);
    private static final Instant NOW = Instant.parse("2026-11-26T07:30:00Z");
    private static final FlagChanges GRACE_20S = FlagChanges.setting(new TreeMap<>(Map.of("node-monitor-grace-period", "20s")))
            .removing("pod-eviction-timeout");

    @TempDir
    Path dir;

    private LocalShell shell;
    private RemoteConfigEditor editor;

    @BeforeEach
    void setUp() {
        shell = new LocalShell();
        editor = new RemoteConfigEditor(shell, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(20), Duration.ofSeconds(20));
    }

    private Path manifest(String resource) throws IOException {
        Path file = dir.resolve("kube-controller-manager.yaml");
        Files.writeString(file, TuningFixtures.resource(resource));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private StaticPodManifestPlan controllerManagerPlan(Path file) {
        return new StaticPodManifestPlan(file.toString(), "kube-controller-manager", GRACE_20S,
                KubeVersion.parse("v1.29.6"), TuningFixtures.YAML);
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }

    @Test
    void applyBacksUpWritesAtomicallyAndRevertRestoresByteForByte() throws Exception {
        Path file = manifest("kubeadm-kube-controller-manager.seed-article.yaml");
        byte[] original = Files.readAllBytes(file);

        PreparedEdit prepared = editor.prepare(PI1, controllerManagerPlan(file));
        assertTrue(prepared.edit().diff().contains("-    - --pod-eviction-timeout=30s"), prepared.edit().diff());
        assertArrayEquals(original, Files.readAllBytes(file), "prepare changes nothing");

        AppliedEdit applied = editor.apply(PI1, prepared);
        String expectedBackup = dir.resolve(".kube-controller-manager.yaml.pirack-backup-20261126T073000Z").toString();
        assertEquals(expectedBackup, applied.backupPath().orElseThrow());
        assertArrayEquals(original, Files.readAllBytes(Path.of(expectedBackup)));
        assertEquals(prepared.edit().after(), Files.readString(file));
        assertFalse(Files.readString(file).contains("pod-eviction-timeout"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), "mode kept");
        assertEquals(List.of(Path.of(expectedBackup), file), files(), "no temp file left behind");
        assertTrue(applied.restartProblem().isEmpty());

        editor.revert(PI1, applied);
        assertArrayEquals(original, Files.readAllBytes(file));
    }

    @Test
    void backupsAreFoundAgainAfterARestartAndRestoreTheOriginal() throws Exception {
        Path file = manifest("kubeadm-kube-controller-manager.seed-article.yaml");
        byte[] original = Files.readAllBytes(file);
        StaticPodManifestPlan plan = controllerManagerPlan(file);
        editor.apply(PI1, editor.prepare(PI1, plan));
        Files.writeString(dir.resolve(".kube-controller-manager.yaml.pirack-backup-evil"), "not a backup");

        List<String> backups = editor.backups(PI1, plan);
        assertEquals(List.of(dir.resolve(".kube-controller-manager.yaml.pirack-backup-20261126T073000Z").toString()), backups);
        editor.revert(PI1, editor.fromBackup(PI1, plan, backups.get(0)));
        assertArrayEquals(original, Files.readAllBytes(file));
        assertThrows(ConfigEditException.class, () -> editor.fromBackup(PI1, plan, "/etc/shadow"));
    }

    @Test
    void noBackupsIsAnEmptyList() throws Exception {
        assertEquals(List.of(), editor.backups(PI1, controllerManagerPlan(manifest("kubeadm-kube-controller-manager.yaml"))));
    }

    @Test
    void validationFailureLeavesFileUntouchedAndWritesNothing() throws Exception {
        Path file = dir.resolve("kube-controller-manager.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: kube-controller-manager\n"
                + "    command: [kube-controller-manager, --leader-elect=true]\n");
        byte[] original = Files.readAllBytes(file);
        ConfigEditException e = assertThrows(ConfigEditException.class, () -> editor.prepare(PI1, controllerManagerPlan(file)));
        assertTrue(e.getMessage().startsWith("pi1: "), e.getMessage());
        assertArrayEquals(original, Files.readAllBytes(file));
        assertEquals(List.of(file), files());
        assertEquals(1, shell.commands.size(), "only the read ran");
    }

    @Test
    void fileChangedSinceReadIsNotOverwritten() throws Exception {
        Path file = manifest("kubeadm-kube-controller-manager.yaml");
        PreparedEdit prepared = editor.prepare(PI1, controllerManagerPlan(file));
        Files.writeString(file, Files.readString(file) + "# someone else was here\n");
        byte[] concurrent = Files.readAllBytes(file);
        ConfigEditException e = assertThrows(ConfigEditException.class, () -> editor.apply(PI1, prepared));
        assertTrue(e.getMessage().contains("changed since PiRack read it"), e.getMessage());
        assertArrayEquals(concurrent, Files.readAllBytes(file));
    }

    @Test
    void anEditIsNeverWrittenOnAnotherPi() throws Exception {
        Path file = manifest("kubeadm-kube-controller-manager.yaml");
        byte[] original = Files.readAllBytes(file);
        PreparedEdit prepared = editor.prepare(PI1, controllerManagerPlan(file));
        SshTarget other = new SshTarget("pi2", "127.0.0.1", 22, "pi", null);
        int commandsBefore = shell.commands.size();
        ConfigEditException e = assertThrows(ConfigEditException.class, () -> editor.apply(other, prepared));
        assertEquals("This edit belongs to pi1, not pi2: nothing was changed.", e.getMessage());
        assertArrayEquals(original, Files.readAllBytes(file));
        assertEquals(commandsBefore, shell.commands.size(), "nothing ran on either Pi");
    }

    @Test
    void missingFileIsAnErrorUnlessThePlanCreatesIt() throws Exception {
        Path missing = dir.resolve("kube-controller-manager.yaml");
        ConfigEditException e = assertThrows(ConfigEditException.class, () -> editor.prepare(PI1, controllerManagerPlan(missing)));
        assertTrue(e.getMessage().contains("does not exist on pi1"), e.getMessage());
        assertFalse(Files.exists(missing));
    }

    @Test
    void k3sConfigIsCreatedThenRevertRemovesIt() throws Exception {
        Path config = dir.resolve("config.yaml");
        ConfigEditPlan plan = new K3sConfigPlan(config.toString(),
                new TreeMap<>(Map.of("kube-controller-manager-arg", GRACE_20S)), TuningFixtures.YAML);
        PreparedEdit prepared = editor.prepare(PI1, plan);
        assertTrue(prepared.edit().createsFile());
        AppliedEdit applied = editor.apply(PI1, prepared);
        assertTrue(applied.backupPath().isEmpty());
        assertEquals("kube-controller-manager-arg:\n  - \"node-monitor-grace-period=20s\"\n", Files.readString(config));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)), "may hold a token");
        assertEquals(List.of(List.of("systemctl", "restart", "k3s")), shell.commands.subList(2, 3).stream().map(RemoteCommand::argv).toList());

        editor.revert(PI1, applied);
        assertFalse(Files.exists(config));
    }

    @Test
    void restartRunsWithSudoAndAFailureIsReportedButRevertable() throws Exception {
        Path args = dir.resolve("kube-controller-manager");
        Files.writeString(args, TuningFixtures.resource("microk8s-kube-controller-manager"));
        byte[] original = Files.readAllBytes(args);
        shell.fail = argv -> argv.equals(List.of("microk8s", "start"));
        ConfigEditPlan plan = new ArgsFilePlan(args.toString(), "kube-controller-manager", GRACE_20S, RestartAction.microk8sStopStart());

        AppliedEdit applied = editor.apply(PI1, editor.prepare(PI1, plan));
        assertTrue(Files.readString(args).endsWith("--node-monitor-grace-period=20s\n"));
        assertTrue(applied.restartProblem().orElseThrow().startsWith("microk8s start failed on pi1 (exit 1)"));
        RemoteCommand stop = shell.commands.get(2);
        assertEquals(List.of("microk8s", "stop"), stop.argv());
        assertTrue(stop.sudo());

        shell.fail = argv -> false;
        assertTrue(editor.revert(PI1, applied).isEmpty());
        assertArrayEquals(original, Files.readAllBytes(args));
    }

    @Test
    void unchangedEditWritesAndRestartsNothing() throws Exception {
        Path args = dir.resolve("kube-controller-manager");
        Files.writeString(args, "--node-monitor-grace-period=20s\n");
        AppliedEdit applied = editor.apply(PI1, editor.prepare(PI1,
                new ArgsFilePlan(args.toString(), "kube-controller-manager", GRACE_20S, RestartAction.microk8sStopStart())));
        assertFalse(applied.changed());
        assertEquals(1, shell.commands.size());
        assertEquals(List.of(args), files());
    }

    @Test
    void contentWithShellMetacharactersArrivesVerbatim() throws Exception {
        Path args = dir.resolve("kube-apiserver");
        Path pwned = dir.resolve("pwned");
        String hostile = "--etcd-servers=\"unix://$(touch " + pwned + ")`touch " + pwned + "`;'x'\\n\"\n--secure-port=16443\n";
        Files.write(args, hostile.getBytes(StandardCharsets.UTF_8));
        FlagChanges set = FlagChanges.setting(new TreeMap<>(Map.of("default-unreachable-toleration-seconds", "5")));
        editor.apply(PI1, editor.prepare(PI1, new ArgsFilePlan(args.toString(), "kube-apiserver", set, RestartAction.microk8sStopStart())));
        assertEquals(hostile + "--default-unreachable-toleration-seconds=5\n", Files.readString(args));
        assertFalse(Files.exists(pwned), "content was never interpreted by a shell");
    }
}
