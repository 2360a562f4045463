package io.pirack.bench;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pixel probe's spot: a PATCH×PATCH block of the screen that follows one node's state. Found in
 * two steps, both on whole-screen grabs: {@link #candidates} keeps, per 64×64 cell, the block that is
 * constant within each state and differs most between them (the best cells first, so the candidates
 * are spread over the screen); a {@link Verifier} then drops every candidate that does not show its
 * state's block after each of several more toggles, in every grab while that state is held. A block
 * in a table row that scrolls, or one that a tile animation or the pod churn draws over, fails there.
 * While measuring, a grab is {@link #classify classified} as near the wanted state, near the other
 * one, or neither: only "near the other, then near the wanted" is a change seen.
 */
final class ProbeSpot {

    static final int PATCH = 4;
    static final int CELL = 64;
    /** The two states' blocks must differ by more than this (sum of per-pixel RGB distances; 60 a pixel of 765). */
    static final long MIN_CONTRAST = PATCH * PATCH * 60L;
    /** A grab is near a state's block within this (12 a pixel of 765: the same drawing, give or take antialiasing). */
    static final long NEAR = PATCH * PATCH * 12L;

    private ProbeSpot() {
    }

    /** A block at (x, y) and how it looks in each state; score = how much the two differ. */
    record Candidate(int x, int y, long score, int[] stateA, int[] stateB) {
        int[] state(boolean b) {
            return b ? stateB : stateA;
        }

        String at() {
            return x + "," + y;
        }
    }

    /** Which state a grab of the block shows. */
    enum Seen { WANTED, OTHER, NEITHER }

    /**
     * Up to {@code n} candidates, at most one per 64×64 cell, best first: blocks steady over every grab of
     * state A and of state B whose two looks differ by more than {@link #MIN_CONTRAST}.
     */
    static List<Candidate> candidates(BufferedImage[] a, BufferedImage[] b, int n) {
        return candidates(a, b, n, new java.awt.Rectangle(0, 0, a[0].getWidth(), a[0].getHeight()));
    }

    /** The same, looking only inside {@code area} of the screen. */
    static List<Candidate> candidates(BufferedImage[] a, BufferedImage[] b, int n, java.awt.Rectangle area) {
        java.awt.Rectangle in = area.intersection(new java.awt.Rectangle(0, 0, a[0].getWidth(), a[0].getHeight()));
        Map<Long, Candidate> bestPerCell = new LinkedHashMap<>();
        for (int y = in.y; y + PATCH <= in.y + in.height; y += 2) {
            for (int x = in.x; x + PATCH <= in.x + in.width; x += 2) {
                long score = 0;
                for (int dy = 0; dy < PATCH; dy++) {
                    for (int dx = 0; dx < PATCH; dx++) {
                        score += distance(a[0].getRGB(x + dx, y + dy), b[0].getRGB(x + dx, y + dy));
                    }
                }
                if (score <= MIN_CONTRAST) {
                    continue;
                }
                long cell = (long) (y / CELL) << 32 | (x / CELL);
                Candidate held = bestPerCell.get(cell);
                if (held != null && held.score() >= score) {
                    continue;
                }
                if (steady(a, x, y) && steady(b, x, y)) {
                    bestPerCell.put(cell, new Candidate(x, y, score, block(a[0], x, y), block(b[0], x, y)));
                }
            }
        }
        return bestPerCell.values().stream().sorted(Comparator.comparingLong(Candidate::score).reversed()).limit(n).toList();
    }

    /** Checks candidates against more toggles; keeps those that showed their state's block in every grab. */
    static final class Verifier {
        private final List<Candidate> open = new ArrayList<>();
        private final Map<String, String> rejected = new LinkedHashMap<>();
        private final int[] settledPerState = new int[2];

        Verifier(List<Candidate> candidates) {
            open.addAll(candidates);
        }

        /** Grabs of the whole screen taken while {@code stateB} (or A) was held, after a toggle settled. */
        void held(boolean stateB, BufferedImage[] grabs) {
            settledPerState[stateB ? 1 : 0]++;
            for (var it = open.iterator(); it.hasNext(); ) {
                Candidate c = it.next();
                for (int i = 0; i < grabs.length; i++) {
                    Seen seen = classify(block(grabs[i], c.x(), c.y()), c.state(stateB), c.state(!stateB));
                    if (seen != Seen.WANTED) {
                        rejected.put(c.at(), "held state " + (stateB ? "B" : "A") + " #" + settledPerState[stateB ? 1 : 0]
                                + ", grab " + (i + 1) + ": " + (seen == Seen.OTHER ? "showed the other state" : "showed neither state"));
                        it.remove();
                        break;
                    }
                }
            }
        }

        /** Toggles held in each state so far (A, B). */
        int[] settled() {
            return settledPerState.clone();
        }

        /** The candidates that passed every check, best first. */
        List<Candidate> verified() {
            return List.copyOf(open);
        }

        /** Why each dropped candidate was dropped, by position. */
        Map<String, String> rejected() {
            return rejected;
        }
    }

    /** One change as the sampler sees it: seen when the block is near the wanted state after being near the other one. */
    static final class Watch {
        /** A first grab started this soon after the write was sent cannot show the app's answer to it. */
        static final long PROMPT_NANOS = 5_000_000L;

        private boolean sawOther;
        private int grabs;
        private boolean firstAlreadyWanted;
        private boolean firstLate;
        private boolean shownFromCover;

        /** Feeds one grab, started {@code sinceWrite} ns after the write was sent; true when this grab is the change being seen. */
        boolean grab(Seen seen, long sinceWrite) {
            grabs++;
            if (grabs == 1 && seen == Seen.WANTED) {
                if (sinceWrite <= PROMPT_NANOS) {
                    firstAlreadyWanted = true;
                } else {
                    firstLate = true;
                }
            }
            if (seen == Seen.OTHER) {
                sawOther = true;
            }
            if (seen == Seen.WANTED && !sawOther && grabs > 1) {
                shownFromCover = true;
            }
            return seen == Seen.WANTED && sawOther;
        }

        /**
         * The spot showed neither state from the write until the new one appeared: something was drawn over it (at 100
         * Pis under churn, a rescheduled pod's ghost gliding across the chip). The change was shown, but when is unknown;
         * it is counted apart, not as a change missed.
         */
        boolean shownFromCover() {
            return shownFromCover;
        }

        /** Shown but not timeable: before the first look, or from under a cover. The sampler stops; no latency, no miss. */
        boolean untimed() {
            return untimeable() || shownFromCover;
        }

        /**
         * The first grab, taken as the write went out, already showed the new state: no app draws faster
         * than the API answers, so the probe is not watching the node's state.
         */
        boolean firstAlreadyWanted() {
            return firstAlreadyWanted;
        }

        /**
         * The first grab came late (the sampler waited for a core) and the new state was already there: the
         * change happened before the sampler looked, so it cannot be timed; it says nothing about the spot.
         */
        boolean firstLate() {
            return firstLate;
        }

        /** Nothing more to learn: the change was on screen before the sampler's first look. */
        boolean untimeable() {
            return firstAlreadyWanted || firstLate;
        }
    }

    static Seen classify(int[] now, int[] want, int[] other) {
        if (distance(now, want) <= NEAR) {
            return Seen.WANTED;
        }
        return distance(now, other) <= NEAR ? Seen.OTHER : Seen.NEITHER;
    }

    static int[] block(BufferedImage image, int x, int y) {
        return image.getRGB(x, y, PATCH, PATCH, null, 0, PATCH);
    }

    static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    static long distance(int[] p, int[] q) {
        long d = 0;
        for (int i = 0; i < p.length; i++) {
            d += distance(p[i], q[i]);
        }
        return d;
    }

    private static boolean steady(BufferedImage[] images, int x, int y) {
        for (int dy = 0; dy < PATCH; dy++) {
            for (int dx = 0; dx < PATCH; dx++) {
                int first = images[0].getRGB(x + dx, y + dy);
                for (int i = 1; i < images.length; i++) {
                    if (images[i].getRGB(x + dx, y + dy) != first) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static int distance(int p, int q) {
        return Math.abs(((p >> 16) & 255) - ((q >> 16) & 255)) + Math.abs(((p >> 8) & 255) - ((q >> 8) & 255))
                + Math.abs((p & 255) - (q & 255));
    }
}
