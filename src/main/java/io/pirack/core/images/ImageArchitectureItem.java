package io.pirack.core.images;

import io.pirack.core.cluster.TimeText;
import io.pirack.core.preflight.CheckStatus;
import io.pirack.core.preflight.PreflightItem;
import java.util.List;
import java.util.Optional;

/** The preflight line "Images run on every Pi's architecture" (id {@value #ID}). Pure. */
public final class ImageArchitectureItem {

    public static final String ID = "image-architecture";
    static final String TITLE = "Images run on every Pi's architecture";

    private ImageArchitectureItem() {
    }

    public static PreflightItem of(Optional<List<ImageVerdict>> checked) {
        if (checked.isEmpty()) {
            return new PreflightItem(ID, TITLE, CheckStatus.WARN, "not checked",
                    "Run pirack images check (or Tuning ▸ Images ▸ Check architectures) while the laptop is online.");
        }
        List<ImageVerdict> verdicts = ArchitectureCheck.worstFirst(checked.get());
        if (verdicts.isEmpty()) {
            return new PreflightItem(ID, TITLE, CheckStatus.WARN, "no demo images found", "Choose the demo Deployments in Tuning.");
        }
        List<ImageVerdict> failing = verdicts.stream()
                .filter(v -> v.verdict() == ImageVerdict.Verdict.NONE || v.verdict() == ImageVerdict.Verdict.SOME).toList();
        if (!failing.isEmpty()) {
            ImageVerdict first = failing.get(0);
            String detail = String.join("; ", failing.stream().map(v -> v.image() + " " + v.detail()).toList());
            String fix = first.suggestion().map(s -> "Change " + first.image() + " to " + s + " (it has a build for every Pi).")
                    .orElse("Use a multi-architecture tag of " + first.image().repository()
                            + ", or build it for arm64 (docker buildx build --platform linux/arm64,linux/amd64 …).");
            return new PreflightItem(ID, TITLE, CheckStatus.FAIL, detail, fix);
        }
        List<ImageVerdict> unknown = verdicts.stream().filter(v -> v.verdict() == ImageVerdict.Verdict.UNKNOWN).toList();
        if (!unknown.isEmpty()) {
            return new PreflightItem(ID, TITLE, CheckStatus.WARN,
                    String.join("; ", unknown.stream().map(v -> v.image() + " " + v.detail()).toList()),
                    "Check again while the laptop reaches the registries (pirack images check).");
        }
        List<ImageVerdict> stale = verdicts.stream().filter(ImageVerdict::stale).toList();
        if (!stale.isEmpty()) {
            String since = stale.stream().flatMap(v -> v.checkedAt().stream()).min(java.util.Comparator.naturalOrder())
                    .map(t -> "not checked since " + TimeText.clock(t)).orElse("not checked against the registry");
            return new PreflightItem(ID, TITLE, CheckStatus.WARN, since + "; then every image ran on every Pi (" + verdicts.size() + " images)",
                    "Check again while the laptop reaches the registries (pirack images check).");
        }
        return new PreflightItem(ID, TITLE, CheckStatus.PASS, verdicts.size() + " images run on every Pi", "");
    }
}
