package io.pirack.core.settings;

import java.util.Optional;

/**
 * Everything PiRack remembers between runs (the rack layout lives in its own {@code rack.json}),
 * grouped by who cares about it so no two adjacent values of one type can be swapped silently.
 * Add a field to the group it belongs to (and to that group's {@code defaults()}); unknown or missing
 * fields in a file fall back to the defaults, so old files keep working.
 *
 * @param cluster   which cluster PiRack connects to at start
 * @param rehearsal how the rehearsal rack is simulated
 * @param operator  the operator window's choices
 * @param booth     the audience screen and the kiosk lock
 */
public record Settings(Cluster cluster, Rehearsal rehearsal, Operator operator, Booth booth) {

    /** Where the cluster comes from. {@link #toString()} is the word stored in the file. */
    public enum Source {
        SIM("sim"), KUBECONFIG("kubeconfig");

        private final String id;

        Source(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** The rehearsal rack's timings. {@link #toString()} is the word stored in the file and shown by the CLI. */
    public enum SimPreset {
        KUBERNETES_DEFAULTS("kubernetes-defaults"), DEMO_TUNED("demo-tuned");

        private final String id;

        SimPreset(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Optional<SimPreset> byId(String id) {
            for (SimPreset p : values()) {
                if (p.id.equals(id)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /**
     * @param source     the rehearsal rack or a kubeconfig
     * @param kubeconfig the kubeconfig file chosen by the presenter (null: the default lookup); kept while on the rehearsal rack
     * @param context    the kubeconfig context (null: the file's current context)
     */
    public record Cluster(Source source, String kubeconfig, String context) {
        public static Cluster defaults() {
            return new Cluster(Source.SIM, null, null);
        }

        public static Cluster kubeconfig(String file, String context) {
            return new Cluster(Source.KUBECONFIG, file, context);
        }

        /** Back to the rehearsal rack, remembering the last kubeconfig for the next "Connect to Cluster…". */
        public Cluster onRehearsalRack() {
            return new Cluster(Source.SIM, kubeconfig, context);
        }
    }

    /**
     * @param preset     the rehearsal rack's timings
     * @param pis        number of Pis on a new rehearsal rack (1–16)
     * @param timeScale  time compression (1 = real time, up to 100)
     * @param k8sVersion the Kubernetes release the rack simulates ("1.32"), or null for the newest
     */
    public record Rehearsal(SimPreset preset, int pis, double timeScale, String k8sVersion) {
        public static final int MAX_PIS = 16;
        public static final double MAX_TIME_SCALE = 100;

        public Rehearsal(SimPreset preset, int pis, double timeScale) {
            this(preset, pis, timeScale, null);
        }

        public static Rehearsal defaults() {
            return new Rehearsal(SimPreset.DEMO_TUNED, 4, 1.0, null);
        }

        public Rehearsal withPreset(SimPreset newPreset) {
            return new Rehearsal(newPreset, pis, timeScale, k8sVersion);
        }

        Rehearsal normalised() {
            Rehearsal d = defaults();
            return new Rehearsal(preset == null ? d.preset : preset,
                    pis >= 1 && pis <= MAX_PIS ? pis : d.pis,
                    timeScale >= 1 && timeScale <= MAX_TIME_SCALE ? timeScale : d.timeScale,
                    k8sVersion != null && k8sVersion.matches("1\\.\\d{1,2}") ? k8sVersion : null);
        }
    }

    /**
     * @param confirmPulls   ask before pulling a plug in the operator window
     * @param lastView       the screen shown at the last exit
     * @param hideSystemPods hide DaemonSet and control-plane pods on the rack
     * @param window         where the operator window was at the last exit (null: never placed, first start)
     */
    public record Operator(boolean confirmPulls, String lastView, boolean hideSystemPods, WindowBounds window) {
        public Operator(boolean confirmPulls, String lastView, boolean hideSystemPods) {
            this(confirmPulls, lastView, hideSystemPods, null);
        }

        public static Operator defaults() {
            return new Operator(true, "rack", false, null);
        }

        public Operator withConfirmPulls(boolean confirm) {
            return new Operator(confirm, lastView, hideSystemPods, window);
        }

        public Operator withLastView(String view) {
            return new Operator(confirmPulls, view, hideSystemPods, window);
        }

        public Operator withHideSystemPods(boolean hide) {
            return new Operator(confirmPulls, lastView, hide, window);
        }

        public Operator withWindow(WindowBounds bounds) {
            return new Operator(confirmPulls, lastView, hideSystemPods, bounds);
        }
    }

    /**
     * A window's place on the desktop, in the screens' shared coordinates.
     *
     * @param x         left edge while not maximised (what un-maximising returns to)
     * @param y         top edge while not maximised
     * @param width     width while not maximised
     * @param height    height while not maximised
     * @param maximized whether it filled its screen
     */
    public record WindowBounds(double x, double y, double width, double height, boolean maximized) {
    }

    /**
     * @param audienceScreen screen index for the audience window (-1: ask / none)
     * @param kioskPinHash   the kiosk PIN's hash as {@code KioskPin} writes it, or null for none set
     */
    public record Booth(int audienceScreen, String kioskPinHash) {
        public static Booth defaults() {
            return new Booth(-1, null);
        }

        public Booth withAudienceScreen(int screen) {
            return new Booth(screen, kioskPinHash);
        }

        public Booth withKioskPinHash(String hash) {
            return new Booth(audienceScreen, hash);
        }
    }

    public static Settings defaults() {
        return new Settings(Cluster.defaults(), Rehearsal.defaults(), Operator.defaults(), Booth.defaults());
    }

    /**
     * Repairs what a hand-edited or older file left missing or out of range instead of refusing to
     * start: a missing group or an unknown word falls back to that group's default.
     */
    public Settings normalised() {
        Cluster c = cluster == null || cluster.source() == null
                ? (cluster == null ? Cluster.defaults() : new Cluster(Source.SIM, cluster.kubeconfig(), cluster.context()))
                : cluster;
        Rehearsal r = rehearsal == null ? Rehearsal.defaults() : rehearsal.normalised();
        Operator o = operator == null ? Operator.defaults()
                : operator.lastView() == null ? operator.withLastView(Operator.defaults().lastView()) : operator;
        Booth b = booth == null ? Booth.defaults() : booth;
        return new Settings(c, r, o, b);
    }

    public Settings withCluster(Cluster newCluster) {
        return new Settings(newCluster, rehearsal, operator, booth);
    }

    public Settings withRehearsal(Rehearsal newRehearsal) {
        return new Settings(cluster, newRehearsal, operator, booth);
    }

    public Settings withOperator(Operator newOperator) {
        return new Settings(cluster, rehearsal, newOperator, booth);
    }

    public Settings withBooth(Booth newBooth) {
        return new Settings(cluster, rehearsal, operator, newBooth);
    }

    // The app's most frequent single-value changes, so call sites stay one readable line.

    public Settings withLastView(String view) {
        return withOperator(operator.withLastView(view));
    }

    public Settings withConfirmPulls(boolean confirm) {
        return withOperator(operator.withConfirmPulls(confirm));
    }

    public Settings withHideSystemPods(boolean hide) {
        return withOperator(operator.withHideSystemPods(hide));
    }

    public Settings withOperatorWindow(WindowBounds bounds) {
        return withOperator(operator.withWindow(bounds));
    }

    public Settings withAudienceScreen(int screen) {
        return withBooth(booth.withAudienceScreen(screen));
    }

    public Settings withKioskPinHash(String hash) {
        return withBooth(booth.withKioskPinHash(hash));
    }
}
