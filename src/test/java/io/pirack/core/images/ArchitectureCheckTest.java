package io.pirack.core.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.preflight.CheckStatus;
import io.pirack.core.preflight.PreflightItem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArchitectureCheckTest {

    private static final Instant CHECKED = Instant.parse("2026-12-05T21:04:00Z");
    private static final Platform PI64 = Platform.parse("linux/arm64");
    private static final Platform PI32 = Platform.ofNode("linux", "arm", "6.1.21-v7l+");
    private static final ImageReference HELLO = ImageReference.parse("ghcr.io/acme/hello:1.0");
    private static final ImageReference LEGACY = ImageReference.parse("ghcr.io/acme/legacy:1.0");

    private static List<NodePlatform> pis(Platform... platforms) {
        List<NodePlatform> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < platforms.length; i++) {
            nodes.add(new NodePlatform("rpi" + (i + 1), platforms[i], Set.of()));
        }
        return nodes;
    }

    private static ImageLookup found(ImageReference image, String... platforms) {
        return new ImageLookup.Found(new ImagePlatforms(image, "sha256:aa",
                java.util.Arrays.stream(platforms).map(p -> new ImagePlatforms.Entry(Platform.parse(p), "sha256:" + p.hashCode())).toList(), CHECKED));
    }

    private static ImageVerdict one(ImageReference image, List<NodePlatform> nodes, ImageLookup lookup) {
        return ArchitectureCheck.judge(List.of(new ImageUse(image, List.of("demo/x (Deployment)"))), nodes, Map.of(image, lookup), Map.of()).get(0);
    }

    @Test
    void multiArchImageRunsOnEveryPi() {
        ImageVerdict v = one(HELLO, pis(PI64, PI64, PI32), found(HELLO, "linux/amd64", "linux/arm64/v8", "linux/arm/v7"));
        assertEquals(ImageVerdict.Verdict.ALL, v.verdict());
        assertEquals("runs on every Pi (linux/amd64, linux/arm64/v8, linux/arm/v7).", v.detail());
    }

    @Test
    void amd64OnlyImageRunsOnNoneAndSaysWhatThePullWillSay() {
        ImageVerdict v = one(LEGACY, pis(PI64, PI64), found(LEGACY, "linux/amd64"));
        assertEquals(ImageVerdict.Verdict.NONE, v.verdict());
        assertEquals(List.of("rpi1", "rpi2"), v.nodesWhereItFails());
        assertEquals("built only for linux/amd64; the Pis are linux/arm64/v8: every pull fails with "
                + "\"no matching manifest for linux/arm64/v8\".", v.detail());
    }

    @Test
    void arm64OnlyImageRunsOnSomeOfAMixedRack() {
        ImageVerdict v = one(HELLO, pis(PI64, PI32), found(HELLO, "linux/arm64"));
        assertEquals(ImageVerdict.Verdict.SOME, v.verdict());
        assertEquals(List.of("rpi1"), v.nodesWhereItRuns());
        assertTrue(v.detail().startsWith("runs on rpi1 but not on rpi2: no linux/arm/v7 build"), v.detail());
    }

    @Test
    void offlineWithTheImageAlreadyOnEveryPiIsStillJudged() {
        List<NodePlatform> nodes = List.of(new NodePlatform("rpi1", PI64, Set.of("ghcr.io/acme/hello:1.0")),
                new NodePlatform("rpi2", PI64, Set.of("ghcr.io/acme/hello@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                        "ghcr.io/acme/hello:1.0")));
        ImageVerdict v = one(HELLO, nodes, new ImageLookup.Failed(HELLO, "cannot reach ghcr.io: the name does not resolve (offline?)", true, Optional.empty()));
        assertEquals(ImageVerdict.Verdict.ALL, v.verdict());
        assertTrue(v.stale());
    }

    @Test
    void offlineWithoutCacheIsUnknownAndPreflightWarnsInsteadOfFailing() {
        ImageVerdict v = one(HELLO, pis(PI64), new ImageLookup.Failed(HELLO, "cannot reach ghcr.io: the name does not resolve (offline?)", true, Optional.empty()));
        assertEquals(ImageVerdict.Verdict.UNKNOWN, v.verdict());
        PreflightItem item = ImageArchitectureItem.of(Optional.of(List.of(v)));
        assertEquals(CheckStatus.WARN, item.status());
        assertEquals("image-architecture", item.id());
        assertTrue(item.detail().contains("not checked: cannot reach ghcr.io"), item.detail());
    }

    @Test
    void offlineWithACachedAnswerSaysSinceWhen() {
        ImagePlatforms cached = new ImagePlatforms(HELLO, "sha256:aa", List.of(new ImagePlatforms.Entry(PI64, "sha256:bb")), CHECKED);
        ImageVerdict v = one(HELLO, pis(PI64), new ImageLookup.Failed(HELLO, "ghcr.io did not answer within 8 s", true, Optional.of(cached)));
        assertEquals(ImageVerdict.Verdict.ALL, v.verdict());
        PreflightItem item = ImageArchitectureItem.of(Optional.of(List.of(v)));
        assertEquals(CheckStatus.WARN, item.status());
        assertTrue(item.detail().startsWith("not checked since "), item.detail());
    }

    @Test
    void preflightFailsNamingTheImageAndTheMissingPlatformAndSuggestsATag() {
        ImageReference multi = LEGACY.withTag("1.1");
        List<ImageVerdict> verdicts = ArchitectureCheck.judge(
                List.of(new ImageUse(HELLO, List.of()), new ImageUse(LEGACY, List.of())), pis(PI64),
                Map.of(HELLO, found(HELLO, "linux/arm64"), LEGACY, found(LEGACY, "linux/amd64")), Map.of(LEGACY, multi));
        PreflightItem item = ImageArchitectureItem.of(Optional.of(verdicts));
        assertEquals(CheckStatus.FAIL, item.status());
        assertTrue(item.detail().startsWith("ghcr.io/acme/legacy:1.0 built only for linux/amd64"), item.detail());
        assertEquals("Change ghcr.io/acme/legacy:1.0 to ghcr.io/acme/legacy:1.1 (it has a build for every Pi).", item.fix());
    }

    @Test
    void notCheckedAtAllIsAWarning() {
        assertEquals(CheckStatus.WARN, ImageArchitectureItem.of(Optional.empty()).status());
    }

    @Test
    void explainsThePullFailureAndTheCrashLoop() {
        assertEquals(Optional.of("The image has no linux/arm64/v8 build (built for linux/amd64), so the pull fails: this Pi is arm64. "
                        + "Use a multi-architecture tag or build the image for arm64."),
                ImageFailureExplainer.explain("Failed to pull image \"acme/legacy:1.0\": no matching manifest for linux/arm64/v8 in the manifest list entries",
                        Optional.of(PI64), Optional.of("linux/amd64")));
        assertTrue(ImageFailureExplainer.explain("exec /app/server: exec format error", Optional.of(PI64), Optional.of("linux/amd64")).orElseThrow()
                .startsWith("The image is built for linux/amd64, this Pi is arm64"));
        assertTrue(ImageFailureExplainer.explain("failed to resolve reference: no match for platform in manifest: not found", Optional.of(PI64),
                Optional.empty()).isPresent());
        assertEquals(Optional.empty(), ImageFailureExplainer.explain("Back-off pulling image: connection refused", Optional.of(PI64), Optional.empty()));
    }
}
