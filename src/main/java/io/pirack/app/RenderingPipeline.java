package io.pirack.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Which JavaFX rendering pipeline to ask for, decided before the toolkit starts (issue 20).
 *
 * <p>On Linux with no GPU device node (no {@code /dev/dri}, no {@code /dev/nvidiactl} — a VM, a
 * container, a booth laptop without a driver) JavaFX's default order first probes the OpenGL ES2
 * pipeline: that loads Mesa's software GL (llvmpipe, libLLVM ≈ 36 MB resident) only to fall back to
 * the software pipeline anyway. Measured on such a VM: the probe costs ~0.2 s of the start and the
 * library stays mapped for the life of the process. Asking for {@code sw} there skips both.
 * Never on macOS or Windows (always a GPU pipeline there), never where a device node exists (the
 * GPU pipeline draws dirty regions; software redraws more), and never over the user's own
 * {@code -Dprism.order}.
 */
final class RenderingPipeline {

    static final String PROPERTY = "prism.order";
    private static final String SOFTWARE = "sw";
    static final String DIRTY_REGIONS = "prism.dirtyregioncount";
    /** Prism's most (it clamps the property to 0–15; its default is 6). */
    static final int SOFTWARE_DIRTY_REGIONS = 15;

    private RenderingPipeline() {
    }

    /**
     * The {@code prism.order} to set, or empty to leave JavaFX's own order.
     *
     * @param osName        the {@code os.name} system property
     * @param userSetting   the {@code prism.order} already set (by the user or a test), or null
     * @param gpuDeviceNode whether a GPU device node exists ({@link #gpuDeviceNodePresent()})
     */
    static Optional<String> order(String osName, String userSetting, boolean gpuDeviceNode) {
        boolean linux = osName != null && osName.toLowerCase(Locale.ROOT).startsWith("linux");
        if (userSetting != null || !linux || gpuDeviceNode) {
            return Optional.empty();
        }
        return Optional.of(SOFTWARE);
    }

    /**
     * How many dirty regions Prism keeps apart per frame, or empty to leave its default (6): 15 on the software
     * pipeline. With 6, the scattered changes of a 100-card grid under pod churn (a few cards' tiles, a ghost, the
     * header's counts) merged into rectangles that covered most of the grid, and the software renderer redrew all
     * of it (session 10 saw the whole rack dirty in every grab). With 15, the same image under the same churn used
     * 11.4–12.1 % of a core for rendering against 14.7–15.4 %, and its write → pixel p95 was 39–48 ms against
     * 45–51 (issue 20, session 16, alternating runs). Not on a GPU pipeline, where it was not measured.
     *
     * @param order       {@code prism.order} as it will be (ours or the user's), or null for JavaFX's own
     * @param userSetting {@code prism.dirtyregioncount} already set, or null
     */
    static Optional<String> dirtyRegions(String order, String userSetting) {
        if (userSetting != null || !SOFTWARE.equals(order)) {
            return Optional.empty();
        }
        return Optional.of(Integer.toString(SOFTWARE_DIRTY_REGIONS));
    }

    /** Whether Linux shows a GPU to user space: a DRM device folder or NVIDIA's control node. */
    static boolean gpuDeviceNodePresent() {
        return Files.exists(Path.of("/dev/dri")) || Files.exists(Path.of("/dev/nvidiactl"));
    }

    /**
     * Sets {@code prism.order} if {@link #order} says so, and {@code prism.dirtyregioncount} if {@link #dirtyRegions}
     * does. Call before the JavaFX toolkit starts.
     */
    static void chooseBeforeToolkitStarts() {
        String os = System.getProperty("os.name");
        boolean linux = os != null && os.toLowerCase(Locale.ROOT).startsWith("linux");
        // The device check only where it can matter (no file system probing on a Mac).
        order(os, System.getProperty(PROPERTY), linux && gpuDeviceNodePresent())
                .ifPresent(order -> System.setProperty(PROPERTY, order));
        dirtyRegions(System.getProperty(PROPERTY), System.getProperty(DIRTY_REGIONS))
                .ifPresent(count -> System.setProperty(DIRTY_REGIONS, count));
    }
}
