package io.pirack.ui.rehearsal;

import io.pirack.core.settings.Settings;
import java.util.List;
import java.util.Optional;

/**
 * The "Rehearsal rack…" dialog's model: which Kubernetes release the rack simulates, its timings
 * preset, its speed and how many Pis a new rack has. Starts from the remembered settings; {@link
 * #result()} is what gets remembered (and, on the rehearsal rack, what it restarts with). No JavaFX.
 *
 * @param versions the releases the rack can simulate, oldest first ("1.29" … "1.34"); the last is the default
 */
public final class RehearsalRackForm {

    /** How a preset reads in the dialog (words, not ids). */
    public static String label(Settings.SimPreset preset) {
        return switch (preset) {
            case DEMO_TUNED -> "Demo tuning (pods move in ≈ 15 s)";
            case KUBERNETES_DEFAULTS -> "Kubernetes defaults (pods move after ≈ 5 min)";
        };
    }

    private final List<String> versions;
    private String version;
    private Settings.SimPreset preset;
    private double timeScale;
    private int pis;

    public RehearsalRackForm(Settings.Rehearsal remembered, List<String> versions) {
        this.versions = List.copyOf(versions);
        this.version = remembered.k8sVersion() != null && versions.contains(remembered.k8sVersion())
                ? remembered.k8sVersion() : versions.get(versions.size() - 1);
        this.preset = remembered.preset();
        this.timeScale = remembered.timeScale();
        this.pis = remembered.pis();
    }

    public List<String> versions() {
        return versions;
    }

    public String version() {
        return version;
    }

    public Settings.SimPreset preset() {
        return preset;
    }

    public double timeScale() {
        return timeScale;
    }

    public int pis() {
        return pis;
    }

    public void setVersion(String v) {
        version = v;
    }

    public void setPreset(Settings.SimPreset p) {
        preset = p;
    }

    public void setTimeScale(double x) {
        timeScale = x;
    }

    public void setPis(int n) {
        pis = n;
    }

    /** One sentence about what is wrong, or empty. */
    public Optional<String> problem() {
        if (!versions.contains(version)) {
            return Optional.of("Choose a Kubernetes release between " + versions.get(0) + " and " + versions.get(versions.size() - 1) + ".");
        }
        if (!(timeScale >= 1 && timeScale <= Settings.Rehearsal.MAX_TIME_SCALE)) {
            return Optional.of("Speed must be between 1× and " + (int) Settings.Rehearsal.MAX_TIME_SCALE + "×.");
        }
        if (pis < 1 || pis > Settings.Rehearsal.MAX_PIS) {
            return Optional.of("A rehearsal rack has 1 to " + Settings.Rehearsal.MAX_PIS + " Pis.");
        }
        return Optional.empty();
    }

    /** The settings to remember; the newest release is stored as "newest" (null), so it follows upgrades. */
    public Settings.Rehearsal result() {
        String stored = version.equals(versions.get(versions.size() - 1)) ? null : version;
        return new Settings.Rehearsal(preset, pis, timeScale, stored);
    }

    /** What pressing OK does, said in the dialog. */
    public String effect(boolean onRehearsalRackNow) {
        return onRehearsalRackNow
                ? "OK restarts the rehearsal rack with these settings (its pods and power states start afresh)."
                : "Used the next time PiRack starts the rehearsal rack (File → Use Rehearsal Rack, or --sim).";
    }
}
