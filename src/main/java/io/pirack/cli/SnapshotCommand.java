package io.pirack.cli;

import io.pirack.app.ClusterSession;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.plug.PlugState;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.kube.ClusterConnection;
import io.pirack.sim.RehearsalRack;
import io.pirack.sim.SimTimings;
import io.pirack.ui.rack.PlugActions;
import io.pirack.ui.rack.RackSnapshot;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pirack snapshot --out FILE.png}: renders the live rack offscreen to a PNG with no window
 * and no display — for README screenshots and for checking the look in CI.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Render a view of the rack to a PNG, headless (no window, no display).")
public final class SnapshotCommand implements Callable<Integer> {

    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final Duration STEADY_TIMEOUT = Duration.ofSeconds(60);

    @CommandLine.Mixin
    PiRackCommand.ClusterOptions cluster = new PiRackCommand.ClusterOptions();

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "Where to write the PNG.")
    Path out;

    @Option(names = "--width", defaultValue = "1280", description = "Image width in pixels (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "800", description = "Image height in pixels (default ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--view", defaultValue = "rack", paramLabel = "VIEW", description = "rack or timeline (default ${DEFAULT-VALUE}).")
    String view;

    @Option(names = "--pis", defaultValue = "4", description = "Pis in the rehearsal rack (--sim; default ${DEFAULT-VALUE}).")
    int pis;

    @Option(names = "--unplug", paramLabel = "NODE", description = "Pull the plug on this Pi first (rehearsal rack only).")
    String unplug;

    @Option(names = "--wait-seconds", defaultValue = "0", paramLabel = "N",
            description = "Cluster seconds to wait before rendering (after --unplug, if given).")
    int waitSeconds;

    @CommandLine.Mixin
    RehearsalOptions rehearsal = new RehearsalOptions();

    @Option(names = "--hide-system-pods", description = "Leave DaemonSet and control-plane pods out.")
    boolean hideSystemPods;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        String problem = validate();
        if (problem != null) {
            err.println("pirack snapshot: " + problem);
            return USAGE;
        }
        ClusterSession.Source source;
        if (cluster.sim || (cluster.context == null && cluster.kubeconfig == null)) {
            source = new ClusterSession.Rehearsal(RackSpec.rehearsal(pis), rehearsal.apply(SimTimings.demoTuned()), rehearsal.timeScale());
        } else {
            Path file = cluster.kubeconfig != null ? cluster.kubeconfig : ClusterConnection.defaultKubeconfig();
            source = new ClusterSession.Kubeconfig(file, cluster.context, realRack());
        }
        if (unplug != null && !(source instanceof ClusterSession.Rehearsal r && r.rack().slot(unplug).isPresent())) {
            err.println("pirack snapshot: --unplug works on the rehearsal rack only, with one of its Pis (rpi1…rpi" + pis + ")");
            return USAGE;
        }
        // No Platform.exit() afterwards: Main ends the JVM, and tests share the toolkit.
        RackSnapshot.startHeadlessToolkit();
        try (ClusterSession session = ClusterSession.open(source)) {
            session.start();
            RackFrame frame = capture(session, source, err);
            BufferedImage image = RackSnapshot.render(frame, width, height, hideSystemPods, PlugActions.lookOnly(
                    node -> frame.spec().slot(node).map(s -> s.role() == NodeRole.WORKER).orElse(false),
                    node -> node.equals(unplug)));
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, "snapshot", ".png");
            try {
                if (!ImageIO.write(image, "png", temp.toFile())) {
                    err.println("pirack snapshot: no PNG writer available");
                    return FAILED;
                }
                Files.move(temp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            spec.commandLine().getOut().println("Wrote " + out + " (" + width + "×" + height + ")");
            return 0;
        } catch (ClusterConnection.KubeconfigException | IOException | TimeoutException e) {
            err.println("pirack snapshot: " + e.getMessage());
            return FAILED;
        }
    }

    private String validate() {
        if (!"rack".equals(view) && !"timeline".equals(view)) {
            return "--view must be rack or timeline, not " + view;
        }
        if ("timeline".equals(view)) {
            return "the timeline view is not available yet; use --view rack";
        }
        if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            return "--out must name a .png file, not " + out;
        }
        if (width < 320 || width > 7680 || height < 200 || height > 4320) {
            return "--width must be 320–7680 and --height 200–4320, not " + width + "×" + height;
        }
        if (pis < 1 || pis > 100) {
            return "--pis must be 1–100, not " + pis;
        }
        if (waitSeconds < 0 || waitSeconds > 3600) {
            return "--wait-seconds must be 0–3600, not " + waitSeconds;
        }
        return rehearsal.problem().orElse(null);
    }

    private RackSpec realRack() {
        return SavedFiles.rack();
    }

    /** Waits for a steady cluster, pulls the plug if asked, waits on, and takes one frame. */
    private RackFrame capture(ClusterSession session, ClusterSession.Source source, PrintWriter err)
            throws InterruptedException, TimeoutException {
        RackSpec rack = source instanceof ClusterSession.Rehearsal r ? r.rack() : ((ClusterSession.Kubeconfig) source).rack();
        try {
            session.store().await(SnapshotCommand::steady, STEADY_TIMEOUT, "a steady cluster");
        } catch (TimeoutException e) {
            err.println("pirack snapshot: the cluster did not settle within " + STEADY_TIMEOUT.toSeconds()
                    + " s; rendering it as it is");
        }
        Map<String, String> plugs = Map.of();
        if (unplug != null) {
            RehearsalRack rehearsal = session.rehearsal().orElseThrow();
            Instant pulledAt = session.clock().instant();
            rehearsal.unplug(unplug);
            plugs = Map.of(unplug, new PlugState.Unplugged(pulledAt, null, false).describe());
        }
        if (waitSeconds > 0) {
            Instant until = session.clock().instant().plusSeconds(waitSeconds);
            Duration realTimeout = Duration.ofSeconds(30 + waitSeconds * 2L);
            session.store().await(s -> !session.clock().instant().isBefore(until), realTimeout, waitSeconds + " s to pass");
        }
        ClusterSnapshot cluster = session.store().snapshot();
        return new RackFrame(cluster, session.links().states(), rack, plugs, session.clock().instant());
    }

    private static boolean steady(ClusterSnapshot s) {
        return s.api().isLive() && !s.nodes().isEmpty() && !s.pods().isEmpty()
                && s.pods().values().stream().allMatch(p -> p.ready() && !p.terminating() && p.scheduled()
                        || p.phase() == io.pirack.core.cluster.PodPhase.SUCCEEDED)
                && s.pods().values().stream().map(PodInfo::nodeName).distinct().count() >= Math.min(2, s.nodes().size());
    }
}
