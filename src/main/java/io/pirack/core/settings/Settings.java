package io.pirack.core.settings;

/**
 * Everything PiRack remembers between runs (the rack layout lives in its own {@code rack.json}).
 * Unknown or missing fields in a file fall back to these defaults, so old files keep working.
 *
 * @param source            "sim" for the rehearsal rack or "kubeconfig"
 * @param kubeconfig        the kubeconfig file chosen by the presenter (null: the default lookup)
 * @param context           the kubeconfig context (null: the file's current context)
 * @param simPreset         rehearsal rack timings: "kubernetes-defaults" or "demo-tuned"
 * @param simPis            number of Pis on the rehearsal rack (1–16)
 * @param simTimeScale      rehearsal time compression (1 = real time)
 * @param confirmPulls      ask before pulling a plug in the operator window
 * @param lastView          the screen shown at the last exit
 * @param audienceScreen    screen index for the audience window (-1: ask / none)
 * @param kioskPinHash      salted SHA-256 of the kiosk PIN, or null for none set
 * @param hideSystemPods    hide DaemonSet and control-plane pods on the rack
 */
public record Settings(
        String source,
        String kubeconfig,
        String context,
        String simPreset,
        int simPis,
        double simTimeScale,
        boolean confirmPulls,
        String lastView,
        int audienceScreen,
        String kioskPinHash,
        boolean hideSystemPods) {

    public static final String SOURCE_SIM = "sim";
    public static final String SOURCE_KUBECONFIG = "kubeconfig";

    public static Settings defaults() {
        return new Settings(SOURCE_SIM, null, null, "demo-tuned", 4, 1.0, true, "rack", -1, null, false);
    }

    /** Repairs out-of-range values from a hand-edited file instead of refusing to start. */
    public Settings normalised() {
        Settings d = defaults();
        return new Settings(
                SOURCE_KUBECONFIG.equals(source) ? SOURCE_KUBECONFIG : SOURCE_SIM,
                kubeconfig, context,
                "kubernetes-defaults".equals(simPreset) ? simPreset : d.simPreset,
                simPis >= 1 && simPis <= 16 ? simPis : d.simPis,
                simTimeScale >= 1 && simTimeScale <= 100 ? simTimeScale : d.simTimeScale,
                confirmPulls, lastView == null ? d.lastView : lastView, audienceScreen, kioskPinHash, hideSystemPods);
    }

    public Settings withSource(String newSource, String newKubeconfig, String newContext) {
        return new Settings(newSource, newKubeconfig, newContext, simPreset, simPis, simTimeScale, confirmPulls, lastView,
                audienceScreen, kioskPinHash, hideSystemPods);
    }

    public Settings withLastView(String view) {
        return new Settings(source, kubeconfig, context, simPreset, simPis, simTimeScale, confirmPulls, view,
                audienceScreen, kioskPinHash, hideSystemPods);
    }

    public Settings withConfirmPulls(boolean confirm) {
        return new Settings(source, kubeconfig, context, simPreset, simPis, simTimeScale, confirm, lastView,
                audienceScreen, kioskPinHash, hideSystemPods);
    }

    public Settings withHideSystemPods(boolean hide) {
        return new Settings(source, kubeconfig, context, simPreset, simPis, simTimeScale, confirmPulls, lastView,
                audienceScreen, kioskPinHash, hide);
    }

    public Settings withAudienceScreen(int screen) {
        return new Settings(source, kubeconfig, context, simPreset, simPis, simTimeScale, confirmPulls, lastView,
                screen, kioskPinHash, hideSystemPods);
    }

    public Settings withKioskPinHash(String hash) {
        return new Settings(source, kubeconfig, context, simPreset, simPis, simTimeScale, confirmPulls, lastView,
                audienceScreen, hash, hideSystemPods);
    }

    public Settings withSimPreset(String preset) {
        return new Settings(source, kubeconfig, context, preset, simPis, simTimeScale, confirmPulls, lastView,
                audienceScreen, kioskPinHash, hideSystemPods);
    }
}
