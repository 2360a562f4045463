package io.pirack.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The pixel probe's spot on synthetic screens (no display): of three blocks that all look like the
 * node's state while calibrating, only the one that keeps following the state through more toggles
 * survives verification — not one that flips at random, nor a table row that scrolls away.
 */
class ProbeSpotTest {

    private static final int W = 256;
    private static final int H = 192;
    /** The node's chip: follows the state. */
    private static final int CHIP_X = 70;
    private static final int CHIP_Y = 70;
    /** Flips with the state while calibrating, at random afterwards; the most contrast of all. */
    private static final int FLIPPER_X = 150;
    private static final int FLIPPER_Y = 20;
    /** A table row: follows the state while calibrating, then scrolls 8 px down. */
    private static final int ROW_X = 20;
    private static final int ROW_Y = 140;

    private static final Color BACKGROUND = new Color(40, 40, 48);

    /** One screen: each block drawn in its state (true = B), the row scrolled by {@code rowShift}. */
    private static BufferedImage screen(boolean chipB, boolean flipperB, boolean rowB, int rowShift) {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, W, H);
        g.setColor(chipB ? new Color(200, 160, 0) : new Color(0, 170, 60));
        g.fillRect(CHIP_X - 2, CHIP_Y - 2, 12, 8);
        g.setColor(flipperB ? Color.WHITE : Color.BLACK);
        g.fillRect(FLIPPER_X - 2, FLIPPER_Y - 2, 12, 8);
        g.setColor(rowB ? new Color(220, 60, 60) : new Color(60, 60, 220));
        g.fillRect(ROW_X - 2, ROW_Y - 2 + rowShift, 12, 6);
        g.dispose();
        return image;
    }

    private static BufferedImage[] held(boolean b, int n) {
        BufferedImage[] images = new BufferedImage[n];
        for (int i = 0; i < n; i++) {
            images[i] = screen(b, b, b, 0);
        }
        return images;
    }

    private static List<ProbeSpot.Candidate> calibrated() {
        return ProbeSpot.candidates(held(false, 9), held(true, 9), 16);
    }

    private static boolean near(ProbeSpot.Candidate c, int x, int y) {
        return Math.abs(c.x() - x) <= 8 && Math.abs(c.y() - y) <= 8;
    }

    @Test
    void calibrationAloneCannotTellTheChipFromBlocksThatOnlyLookedRightOnce() {
        List<ProbeSpot.Candidate> candidates = calibrated();
        assertTrue(near(candidates.get(0), FLIPPER_X, FLIPPER_Y), "the random flipper has the most contrast: " + candidates.get(0));
        assertTrue(candidates.stream().anyMatch(c -> near(c, CHIP_X, CHIP_Y)));
        assertTrue(candidates.stream().anyMatch(c -> near(c, ROW_X, ROW_Y)));
        Set<String> cells = candidates.stream().map(c -> c.x() / ProbeSpot.CELL + "," + c.y() / ProbeSpot.CELL).collect(Collectors.toSet());
        assertEquals(candidates.size(), cells.size(), "one candidate per 64x64 cell, so they spread over the screen");
    }

    @Test
    void onlyTheSpotThatFollowsTheStateThroughEveryToggleIsVerified() {
        List<ProbeSpot.Candidate> candidates = calibrated();
        ProbeSpot.Verifier verifier = new ProbeSpot.Verifier(candidates);
        Random random = new Random(20);
        boolean b = false;
        for (int toggle = 0; toggle < 8; toggle++) {
            b = !b;
            BufferedImage[] grabs = new BufferedImage[3];
            for (int i = 0; i < grabs.length; i++) {
                grabs[i] = screen(b, random.nextBoolean(), b, 8);
            }
            verifier.held(b, grabs);
        }
        List<ProbeSpot.Candidate> verified = verifier.verified();
        assertFalse(verified.isEmpty());
        assertTrue(verified.stream().allMatch(c -> near(c, CHIP_X, CHIP_Y)), "verified: " + verified);
        assertEquals(4, verifier.settled()[0]);
        assertEquals(4, verifier.settled()[1]);
        String flipper = candidates.stream().filter(c -> near(c, FLIPPER_X, FLIPPER_Y)).map(c -> verifier.rejected().get(c.at()))
                .findFirst().orElse("");
        assertTrue(flipper.contains("showed the other state"), "flipper rejected for: " + verifier.rejected());
        assertTrue(verifier.rejected().values().stream().anyMatch(why -> why.contains("showed neither state")),
                "the scrolled row is rejected as showing neither: " + verifier.rejected());
    }

    @Test
    void whenNothingFollowsTheStateNoSpotIsVerified() {
        ProbeSpot.Verifier verifier = new ProbeSpot.Verifier(calibrated());
        boolean b = false;
        for (int toggle = 0; toggle < 8; toggle++) {
            b = !b;
            // the whole screen stops following the node (say a dialog covers it): every block shows state A
            verifier.held(b, new BufferedImage[] {screen(false, false, false, 0)});
        }
        assertTrue(verifier.verified().isEmpty());
        assertEquals(calibrated().size(), verifier.rejected().size());
    }

    @Test
    void aChangeIsSeenOnlyWhenTheSpotGoesFromTheOtherStateToTheWantedOne() {
        ProbeSpot.Candidate chip = calibrated().stream().filter(c -> near(c, CHIP_X, CHIP_Y)).findFirst().orElseThrow();
        int[] want = chip.state(true);
        int[] other = chip.state(false);
        int[] covered = ProbeSpot.block(screen(false, false, false, 0), 0, 0); // a tile drawn over it: background

        assertEquals(ProbeSpot.Seen.NEITHER, ProbeSpot.classify(covered, want, other));

        ProbeSpot.Watch normal = new ProbeSpot.Watch();
        assertFalse(normal.grab(ProbeSpot.classify(other, want, other), 0));
        assertFalse(normal.grab(ProbeSpot.classify(covered, want, other), 0));
        assertTrue(normal.grab(ProbeSpot.classify(want, want, other), 0));
        assertFalse(normal.firstAlreadyWanted());

        ProbeSpot.Watch broken = new ProbeSpot.Watch();
        assertFalse(broken.grab(ProbeSpot.classify(want, want, other), 0), "already showing the new state as the write goes out is not a change seen");
        assertTrue(broken.firstAlreadyWanted());

        ProbeSpot.Watch late = new ProbeSpot.Watch();
        assertFalse(late.grab(ProbeSpot.classify(want, want, other), 600_000_000L), "a first look 600 ms late finds the change made");
        assertTrue(late.firstLate() && late.untimeable());
        assertFalse(late.firstAlreadyWanted(), "a starved sampler is not a broken probe");

        ProbeSpot.Watch fromNowhere = new ProbeSpot.Watch();
        assertFalse(fromNowhere.grab(ProbeSpot.classify(covered, want, other), 0));
        assertFalse(fromNowhere.grab(ProbeSpot.classify(want, want, other), 0), "never seen in the old state: not a change seen");
        assertFalse(fromNowhere.firstAlreadyWanted());
        assertTrue(fromNowhere.shownFromCover(), "shown from under a cover: counted apart, not as missed");
        assertFalse(normal.shownFromCover() || broken.shownFromCover() || late.shownFromCover());
        assertTrue(fromNowhere.untimed() && late.untimed() && !normal.untimed());

        ProbeSpot.Watch stillCovered = new ProbeSpot.Watch();
        assertFalse(stillCovered.grab(ProbeSpot.classify(covered, want, other), 0));
        assertFalse(stillCovered.grab(ProbeSpot.classify(covered, want, other), 0));
        assertFalse(stillCovered.shownFromCover(), "covered all along is not shown");
    }
}
