package io.pirack.core.images;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the runtime's words for an architecture mismatch into a sentence a presenter understands.
 * Two ways it shows: the pull fails ({@code ErrImagePull}/{@code ImagePullBackOff} with Docker's
 * "no matching manifest for linux/arm64/v8 in the manifest list entries" or containerd's
 * "no match for platform in manifest"), or, worse, an image whose manifest lies about its
 * platform pulls and then crash-loops with {@code exec format error}. Pure.
 */
public final class ImageFailureExplainer {

    private static final Pattern NO_MATCHING_MANIFEST = Pattern.compile("no matching manifest for ([a-z0-9]+/[a-z0-9_]+(?:/[a-z0-9.]+)?)");
    private static final Pattern NO_MATCH_FOR_PLATFORM = Pattern.compile("no match for platform in manifest");
    private static final Pattern EXEC_FORMAT = Pattern.compile("exec format error");

    private ImageFailureExplainer() {
    }

    /**
     * @param message   any text the pod or its events carry (waiting/terminated message, event message)
     * @param node      the Pi's platform, when known
     * @param imageBuiltFor what the registry says the image has, when checked (e.g. "linux/amd64")
     */
    public static Optional<String> explain(String message, Optional<Platform> node, Optional<String> imageBuiltFor) {
        if (message == null || message.isBlank()) {
            return Optional.empty();
        }
        String text = message.toLowerCase(Locale.ROOT);
        String pi = node.map(p -> "this Pi is " + p.architecture() + (p.architecture().equals("arm") ? " " + p.variant() : "")).orElse("this Pi's architecture");
        String built = imageBuiltFor.map(b -> "built for " + b).orElse("");
        Matcher m = NO_MATCHING_MANIFEST.matcher(text);
        if (m.find()) {
            return Optional.of("The image has no " + m.group(1) + " build" + (built.isEmpty() ? "" : " (" + built + ")")
                    + ", so the pull fails: " + pi + ". Use a multi-architecture tag or build the image for arm64.");
        }
        if (NO_MATCH_FOR_PLATFORM.matcher(text).find()) {
            return Optional.of("The image has no build for " + node.map(Platform::toString).orElse("this Pi's platform")
                    + (built.isEmpty() ? "" : " (" + built + ")") + ", so the pull fails. Use a multi-architecture tag or build the image for arm64.");
        }
        if (EXEC_FORMAT.matcher(text).find()) {
            String what = built.isEmpty() ? "The image's program was built for another CPU (usually amd64)" : "The image is " + built;
            return Optional.of(what + ", " + pi + ": the container starts and dies with \"exec format error\". "
                    + "Rebuild it for arm64 (docker buildx --platform linux/arm64) or pick a multi-architecture tag.");
        }
        return Optional.empty();
    }

    /**
     * The same diagnosis in a few words, for places with one line to spare (a timeline label, a run note):
     * "the image has no linux/arm64/v8 build", "the image was built for another CPU (exec format error)".
     */
    public static Optional<String> brief(String message) {
        if (message == null || message.isBlank()) {
            return Optional.empty();
        }
        String text = message.toLowerCase(Locale.ROOT);
        Matcher m = NO_MATCHING_MANIFEST.matcher(text);
        if (m.find()) {
            return Optional.of("the image has no " + m.group(1) + " build");
        }
        if (NO_MATCH_FOR_PLATFORM.matcher(text).find()) {
            return Optional.of("the image has no build for this Pi's platform");
        }
        if (EXEC_FORMAT.matcher(text).find()) {
            return Optional.of("the image was built for another CPU (exec format error)");
        }
        return Optional.empty();
    }
}
