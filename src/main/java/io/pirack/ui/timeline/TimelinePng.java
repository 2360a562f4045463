package io.pirack.ui.timeline;

import io.pirack.core.timeline.RunSummary;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.transform.Transform;
import javax.imageio.ImageIO;

/** PNG export of the timeline: capture on the FX thread, write on the I/O executor. */
public final class TimelinePng {

    private TimelinePng() {
    }

    /**
     * The PNG export: the selected run's summary above the timeline's {@code exportArea} (lanes, axis, legend),
     * at twice the on-screen size, for slides. Must run on the FX thread.
     */
    static BufferedImage export(Region exportArea, RunSummary selected, List<String> stylesheets) {
        double width = exportArea.getWidth();
        RunSummaryView summary = new RunSummaryView(false);
        summary.getStyleClass().add(TimelineStyles.VIEW);
        summary.setPadding(new Insets(8, 12, 8, 12));
        summary.show(selected == null ? List.of() : List.of(selected), selected);
        StackPane holder = new StackPane(summary);
        holder.getStyleClass().add(TimelineStyles.VIEW);
        holder.getStylesheets().addAll(stylesheets);
        Scene offscreen = new Scene(holder, width, -1);
        offscreen.setFill(Color.web("#15181d"));
        holder.applyCss();
        double summaryHeight = Math.ceil(holder.prefHeight(width));
        holder.resize(width, summaryHeight);
        holder.layout();
        BufferedImage top = snapshot2x(holder);
        BufferedImage lanes = snapshot2x(exportArea);
        BufferedImage out = new BufferedImage(Math.max(top.getWidth(), lanes.getWidth()),
                top.getHeight() + lanes.getHeight(), BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setColor(new java.awt.Color(0x15, 0x18, 0x1d));
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(top, 0, 0, null);
        g.drawImage(lanes, 0, top.getHeight(), null);
        g.dispose();
        return out;
    }

    private static BufferedImage snapshot2x(Node node) {
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setTransform(Transform.scale(2, 2));
        parameters.setFill(Color.web("#15181d"));
        return SwingFXUtils.fromFXImage(node.snapshot(parameters, null), null);
    }

    /** Writes the picture to {@code target} completely or not at all. */
    public static void write(BufferedImage image, Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".pirack-timeline-", ".png");
        try {
            if (!ImageIO.write(image, "png", temp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
