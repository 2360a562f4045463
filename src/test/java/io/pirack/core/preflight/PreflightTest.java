package io.pirack.core.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.Toleration;
import io.pirack.core.preflight.PreflightInputs.ClockSample;
import io.pirack.core.preflight.PreflightInputs.DeadManSwitch;
import io.pirack.core.preflight.PreflightInputs.NetworkResult;
import io.pirack.core.preflight.PreflightInputs.NodeReadiness;
import io.pirack.core.tuning.DemoWorkload;
import io.pirack.core.tuning.Distribution;
import io.pirack.core.tuning.EffectiveSettings;
import io.pirack.core.tuning.FlagSet;
import io.pirack.core.tuning.ImagePresence;
import io.pirack.core.tuning.KubeVersion;
import io.pirack.core.tuning.SettingSource;
import io.pirack.core.images.ArchitectureCheck;
import io.pirack.core.images.ImageLookup;
import io.pirack.core.images.ImagePlatforms;
import io.pirack.core.images.ImageReference;
import io.pirack.core.images.ImageUse;
import io.pirack.core.images.ImageVerdict;
import io.pirack.core.images.NodePlatform;
import io.pirack.core.images.Platform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreflightTest {

    private static final String IMAGE = "nginxdemos/hello:plain-text";
    private static final List<Toleration> TUNED = List.of(
            new Toleration("node.kubernetes.io/unreachable", "Exists", null, "NoExecute", 5L),
            new Toleration("node.kubernetes.io/not-ready", "Exists", null, "NoExecute", 5L));
    private static final EffectiveSettings SETTINGS = EffectiveSettings.defaults(KubeVersion.parse("v1.32.3"), Distribution.K3S);

    /** Everything a presenter wants to see the night before. */
    static PreflightInputs allGood() {
        return new PreflightInputs(
                List.of(new NetworkResult("Internet Sharing", CheckStatus.PASS, "on", ""),
                        new NetworkResult("bootptab", CheckStatus.PASS, "5 entries", "")),
                List.of(new NodeReadiness("pi1", true, ""), new NodeReadiness("pi2", true, "")),
                Optional.of(ImagePresence.of(List.of(IMAGE),
                        Map.of("pi1", Set.of("docker.io/nginxdemos/hello:plain-text"), "pi2", Set.of("docker.io/nginxdemos/hello:plain-text")),
                        List.of())),
                List.of(new DemoWorkload("demo", "hello", TUNED)),
                Optional.of(SETTINGS),
                List.of(new DeadManSwitch("pi1", true, "systemd-run"), new DeadManSwitch("pi2", true, "systemd-run")),
                List.of(new ClockSample("pi1", Optional.of(Duration.ofMillis(120)), ""),
                        new ClockSample("pi2", Optional.of(Duration.ofMillis(-80)), "")),
                PreflightInputs.DEFAULT_CLOCK_SKEW_LIMIT)
                .withImageArchitecture(everyImageRunsOnEveryPi());
    }

    static List<ImageVerdict> everyImageRunsOnEveryPi() {
        ImageReference image = ImageReference.parse(IMAGE);
        Platform pi = Platform.parse("linux/arm64");
        return ArchitectureCheck.judge(List.of(new ImageUse(image, List.of("demo/hello (Deployment)"))),
                List.of(new NodePlatform("pi1", pi, Set.of()), new NodePlatform("pi2", pi, Set.of())),
                Map.of(image, new ImageLookup.Found(new ImagePlatforms(image, "sha256:aa",
                        List.of(new ImagePlatforms.Entry(pi, "sha256:bb")), java.time.Instant.parse("2026-12-05T21:00:00Z")))), Map.of());
    }

    private static PreflightItem item(PreflightReport report, String id) {
        return report.items().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void everythingInPlaceIsReadyForTheShow() {
        PreflightReport report = Preflight.check(allGood());
        assertTrue(report.ready(), report.text());
        assertEquals("Ready for the show", report.headline());
        assertEquals(List.of("network", "nodes", "images", "image-architecture", "tolerations", "control-plane", "dead-man", "clocks"),
                report.items().stream().map(PreflightItem::id).toList());
        assertTrue(item(report, "tolerations").detail().contains("demo/hello 5 s, pods move after 50 s – 1 min 10 s"),
                item(report, "tolerations").detail());
        assertEquals("worst skew 0.12 s", item(report, "clocks").detail());
    }

    @Test
    void notReadyNodeUntunedWorkloadAndSkewedClockAreListedWithFixes() {
        PreflightInputs good = allGood();
        PreflightInputs bad = new PreflightInputs(good.network(),
                List.of(new NodeReadiness("pi1", true, ""), new NodeReadiness("pi2", false, "NodeStatusUnknown")),
                good.images(), List.of(new DemoWorkload("demo", "hello", List.of())), good.settings(), good.deadManSwitches(),
                List.of(new ClockSample("pi1", Optional.of(Duration.ofMillis(-2300)), "")), good.clockSkewLimit());
        PreflightReport report = Preflight.check(bad);
        assertFalse(report.ready());
        assertEquals("Not ready: 3 items to fix", report.headline());
        assertEquals(List.of("nodes", "tolerations", "clocks"), report.toFix().stream().map(PreflightItem::id).toList());
        assertEquals("1/2 Ready; not ready: pi2 (NodeStatusUnknown)", item(report, "nodes").detail());
        assertTrue(item(report, "tolerations").detail().contains("pods would move after 5 min 45 s – 6 min 05 s"),
                item(report, "tolerations").detail());
        assertTrue(item(report, "clocks").detail().contains("pi1 −2.30 s"), item(report, "clocks").detail());
        assertTrue(report.text().contains("[FAIL] Clocks in sync"), report.text());
        assertTrue(report.text().contains("       fix: Turn on time sync"), report.text());
    }

    @Test
    void uncheckedInputsWarnButDoNotPass() {
        PreflightInputs none = new PreflightInputs(List.of(), List.of(new NodeReadiness("pi1", true, "")), Optional.empty(),
                List.of(), Optional.empty(), List.of(), List.of(), PreflightInputs.DEFAULT_CLOCK_SKEW_LIMIT);
        PreflightReport report = Preflight.check(none);
        assertTrue(report.ready());
        assertEquals("Ready for the show (6 warnings)", report.headline());
        assertEquals(CheckStatus.WARN, item(report, "image-architecture").status());
        assertEquals(CheckStatus.WARN, item(report, "images").status());
    }

    @Test
    void podEvictionTimeoutOn127PlusFailsThePreflight() {
        PreflightInputs good = allGood();
        EffectiveSettings broken = EffectiveSettings.defaults(KubeVersion.parse("v1.29.0"), Distribution.KUBEADM)
                .withControllerManagerFlags(FlagSet.fromComponentArgs(List.of("pod-eviction-timeout=30s")),
                        SettingSource.controllerManagerMirrorPod());
        PreflightReport report = Preflight.check(new PreflightInputs(good.network(), good.nodes(), good.images(), good.workloads(),
                Optional.of(broken), good.deadManSwitches(), good.clocks(), good.clockSkewLimit()));
        assertEquals(CheckStatus.FAIL, item(report, "control-plane").status());
        assertTrue(item(report, "control-plane").fix().contains("Remove --pod-eviction-timeout"));
    }

    @Test
    void networkTakesTheWorstResultAndItsFix() {
        PreflightItem network = Preflight.network(List.of(
                new NetworkResult("bootptab", CheckStatus.WARN, "no final newline", "Add a newline"),
                new NetworkResult("Internet Sharing", CheckStatus.FAIL, "off", "Turn on Internet Sharing")));
        assertEquals(CheckStatus.FAIL, network.status());
        assertEquals("Turn on Internet Sharing", network.fix());
        assertEquals("bootptab: no final newline; Internet Sharing: off", network.detail());
    }

    @Test
    void missingImagesAndDeadManSwitchFail() {
        PreflightInputs good = allGood();
        PreflightReport report = Preflight.check(new PreflightInputs(good.network(), good.nodes(),
                Optional.of(ImagePresence.of(List.of(IMAGE), Map.of("pi1", Set.of()), List.of())), good.workloads(),
                good.settings(), List.of(new DeadManSwitch("pi2", false, "sudo asks for a password")), good.clocks(),
                good.clockSkewLimit()));
        assertEquals("1 missing: pi1: nginxdemos/hello:plain-text", item(report, "images").detail());
        assertEquals("pi2: sudo asks for a password", item(report, "dead-man").detail());
        assertEquals(CheckStatus.FAIL, item(report, "dead-man").status());
    }
}
