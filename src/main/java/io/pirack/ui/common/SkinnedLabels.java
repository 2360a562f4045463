package io.pirack.ui.common;

import javafx.scene.control.Label;
import javafx.scene.control.skin.LabelSkin;

/**
 * Labels that join a scene already shown with their skin made (issue 20).
 *
 * <p>A control added to a live scene gets its skin from the scene's next CSS pass, and the skin adds the
 * label's text node <em>during</em> that pass: the scene root is CSS-dirty again when the pass ends. JavaFX then
 * spends the following pulse on a CSS pass that changes nothing and asks for a render with no dirty region,
 * which Prism answers by painting the whole window (see {@link RepaintGuard}; ~50 ms on the software pipeline at
 * 100 Pis, where each rescheduled pod's ghost did it once: 0.77 whole-window renders a change under churn). A
 * label skinned before it joins the scene has nothing left to add in the pass, so the root ends it clean.
 */
public final class SkinnedLabels {

    private SkinnedLabels() {
    }

    /** A label showing {@code text}, its skin already made. */
    public static Label of(String text) {
        Label label = new Label(text);
        label.setSkin(new LabelSkin(label));
        return label;
    }
}
