package io.pirack.ui.rack;

import java.util.function.Predicate;

/**
 * What the rack view's "Pull the plug" / "Plug back in" buttons do. The app wires it to the plug
 * controller (or the rehearsal rack's power switch); calls come from the FX thread and must return
 * at once, doing the work in the background.
 */
public interface PlugActions {

    void pull(String node);

    void restore(String node);

    /** False while the guardrails forbid pulling this Pi, or an action on it is still running. */
    boolean canPull(String node);

    /** True while PiRack has this Pi unplugged: its button offers "Plug back in". */
    boolean isPulled(String node);

    /**
     * False for a rack nobody operates (the audience window): its layers have no plug button at all,
     * not even a greyed one, and show the plug state where the button would be.
     */
    default boolean offersButtons() {
        return true;
    }

    /** A rack nobody operates: no buttons; {@code isPulled} still says which Pis are unplugged. */
    static PlugActions watchOnly(Predicate<String> isPulled) {
        return new PlugActions() {
            @Override
            public void pull(String node) {
            }

            @Override
            public void restore(String node) {
            }

            @Override
            public boolean canPull(String node) {
                return false;
            }

            @Override
            public boolean isPulled(String node) {
                return isPulled.test(node);
            }

            @Override
            public boolean offersButtons() {
                return false;
            }
        };
    }

    /** For views without plug control (e.g. a benchmark): no buttons work. */
    PlugActions NONE = lookOnly(node -> false, node -> false);

    /** Buttons that look as the predicates say but do nothing: for pictures and read-only windows. */
    static PlugActions lookOnly(Predicate<String> canPull, Predicate<String> isPulled) {
        return new PlugActions() {
            @Override
            public void pull(String node) {
            }

            @Override
            public void restore(String node) {
            }

            @Override
            public boolean canPull(String node) {
                return canPull.test(node);
            }

            @Override
            public boolean isPulled(String node) {
                return isPulled.test(node);
            }
        };
    }
}
