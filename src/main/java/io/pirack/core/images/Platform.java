package io.pirack.core.images;

import java.util.Locale;
import java.util.Map;

/**
 * An OCI platform ({@code os/architecture/variant}), normalised the way containerd's
 * {@code platforms.Normalize} does, so {@code aarch64}, {@code arm64} and {@code arm64/v8} are one
 * platform and a 32-bit {@code arm} without a variant means {@code v7}.
 */
public record Platform(String os, String architecture, String variant) {

    /** How an image built for one platform runs on a node of another. */
    public enum Fit {
        /** Built for the node's own architecture. */
        NATIVE,
        /** A 32-bit arm build on a 64-bit Pi: runs (the Pi's CPU executes AArch32), but slower and unusual. */
        COMPAT_32BIT,
        /** Cannot run: a pull fails with "no matching manifest", or the binary fails with "exec format error". */
        NONE
    }

    private static final Map<String, String> ARCH_ALIASES = Map.of(
            "aarch64", "arm64", "x86_64", "amd64", "x86-64", "amd64", "i386", "386", "i686", "386");

    public Platform {
        os = os == null || os.isBlank() ? "linux" : os.toLowerCase(Locale.ROOT);
        String arch = architecture == null ? "" : architecture.toLowerCase(Locale.ROOT);
        String v = variant == null ? "" : variant.toLowerCase(Locale.ROOT);
        switch (arch) {
            case "armhf" -> { arch = "arm"; v = "v7"; }
            case "armel" -> { arch = "arm"; v = "v6"; }
            default -> arch = ARCH_ALIASES.getOrDefault(arch, arch);
        }
        if (arch.equals("arm")) {
            v = switch (v) {
                case "", "7", "v7" -> "v7";
                case "5", "6", "8" -> "v" + v;
                default -> v;
            };
        } else if (arch.equals("arm64")) {
            v = v.isEmpty() || v.equals("8") ? "v8" : v;
        } else if (arch.equals("amd64") && (v.equals("v1") || v.equals("1"))) {
            v = "";
        }
        architecture = arch;
        variant = v;
    }

    /** Parses {@code linux/arm64/v8}, {@code linux/amd64} or a bare architecture. */
    public static Platform parse(String text) {
        String[] parts = text.trim().split("/");
        return switch (parts.length) {
            case 1 -> new Platform("linux", parts[0], "");
            case 2 -> new Platform(parts[0], parts[1], "");
            case 3 -> new Platform(parts[0], parts[1], parts[2]);
            default -> throw new IllegalArgumentException("\"" + text + "\" is not a platform (os/architecture[/variant])");
        };
    }

    /**
     * The platform of a node from what the kubelet reports. Kubernetes has no label for the arm
     * variant; Raspberry Pi kernels carry it in their release name ({@code 6.1.21-v8+} 64-bit,
     * {@code -v7l+}/{@code -v7+} ARMv7, a bare {@code 6.1.21+} the ARMv6 Pi 1/Zero kernel).
     */
    public static Platform ofNode(String os, String architecture, String kernelVersion) {
        Platform p = new Platform(os, architecture, "");
        if (p.architecture.equals("arm") && kernelVersion != null) {
            String k = kernelVersion.trim();
            if (k.matches(".*-v7l?\\+$")) {
                return new Platform(p.os, "arm", "v7");
            }
            if (k.matches("^[0-9.]+\\+$")) {
                return new Platform(p.os, "arm", "v6");
            }
        }
        return p;
    }

    /**
     * Whether an image built for {@code image} runs on a node of this platform, by containerd's
     * default matcher ({@code platforms.Only}): arm64 also takes arm v8…v5 builds, arm vN takes
     * v(N−1)…v5, amd64 takes 386.
     */
    public Fit runs(Platform image) {
        if (!os.equals(image.os)) {
            return Fit.NONE;
        }
        if (architecture.equals(image.architecture)) {
            return switch (architecture) {
                case "arm" -> armLevel(image.variant) <= armLevel(variant) ? Fit.NATIVE : Fit.NONE;
                case "amd64" -> image.variant.isEmpty() ? Fit.NATIVE : Fit.NONE;
                default -> image.variant.equals(variant) || image.variant.isEmpty() ? Fit.NATIVE : Fit.NONE;
            };
        }
        if (architecture.equals("arm64") && image.architecture.equals("arm") && armLevel(image.variant) <= 8) {
            return Fit.COMPAT_32BIT;
        }
        if (architecture.equals("amd64") && image.architecture.equals("386")) {
            return Fit.COMPAT_32BIT;
        }
        return Fit.NONE;
    }

    private static int armLevel(String variant) {
        try {
            return Integer.parseInt(variant.substring(1));
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** {@code linux/arm64/v8}, {@code linux/amd64}, {@code linux/arm/v7}. */
    @Override
    public String toString() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
}
