package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pirack snapshot} renders the rack headless to a PNG of the requested size. */
class SnapshotCommandTest {

    @TempDir
    Path dir;
    private CliRun last;

    private int run(String... args) {
        last = CliRun.of(args);
        return last.exitCode();
    }

    /** Mean colour of one cell of a grid laid over the image, packed as RGB. */
    private static int meanColour(BufferedImage image, int col, int row, int cols, int rows) {
        int w = image.getWidth() / cols;
        int h = image.getHeight() / rows;
        long r = 0;
        long g = 0;
        long b = 0;
        for (int y = row * h; y < (row + 1) * h; y++) {
            for (int x = col * w; x < (col + 1) * w; x++) {
                int rgb = image.getRGB(x, y);
                r += (rgb >> 16) & 0xff;
                g += (rgb >> 8) & 0xff;
                b += rgb & 0xff;
            }
        }
        long n = (long) w * h;
        return (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
    }

    @Test
    void writesANonBlankPngOfTheRequestedSizeWithTheBoardsDrawn() throws Exception {
        Path png = dir.resolve("rack.png");
        int exit = run("snapshot", "--sim", "--out", png.toString(), "--width", "960", "--height", "600");
        assertEquals(0, exit, last.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(960, image.getWidth());
        assertEquals(600, image.getHeight());
        Set<Integer> cells = new HashSet<>();
        for (int row = 0; row < 6; row++) {
            for (int col = 0; col < 6; col++) {
                cells.add(meanColour(image, col, row, 6, 6));
            }
        }
        assertTrue(cells.size() >= 6, "regions differ, the picture is not blank: " + cells.size() + " distinct cells");
        long green = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (g > 90 && g > r + 40 && g > b + 30) {
                    green++;
                }
            }
        }
        assertTrue(green > (image.getWidth() / 2) * (image.getHeight() / 2) / 5, "a fifth of the picture is green boards: " + green);
        assertTrue(last.out().contains("Wrote"), last.out());
    }

    @Test
    void theTimelineViewIsRefusedWithAClearMessageAndNoFile() {
        Path png = dir.resolve("timeline.png");
        assertEquals(SnapshotCommand.USAGE, run("snapshot", "--sim", "--view", "timeline", "--out", png.toString()));
        assertTrue(last.err().contains("timeline view is not available yet"), last.err());
        assertFalse(Files.exists(png));
    }

    @Test
    void badArgumentsGetAPreciseMessage() {
        assertEquals(SnapshotCommand.USAGE, run("snapshot", "--sim", "--out", dir.resolve("rack.jpg").toString()));
        assertTrue(last.err().contains("--out must name a .png file"), last.err());
        assertEquals(SnapshotCommand.USAGE, run("snapshot", "--sim", "--out", dir.resolve("r.png").toString(), "--width", "10"));
        assertTrue(last.err().contains("--width must be 320–7680"), last.err());
        assertEquals(SnapshotCommand.USAGE, run("snapshot", "--sim", "--out", dir.resolve("r.png").toString(), "--unplug", "rpi9"));
        assertTrue(last.err().contains("--unplug works on the rehearsal rack only"), last.err());
        assertFalse(last.err().contains("Exception"), "no stack trace for the user");
    }
}
