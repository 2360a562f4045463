package io.pirack.ui.tuning;

import io.pirack.core.tuning.EffectiveSettings;
import io.pirack.core.tuning.FailoverPrediction;
import io.pirack.core.tuning.TolerationPatchPlan;
import io.pirack.core.tuning.TolerationTuning;
import io.pirack.ui.tuning.TuningTasks.PendingChange;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/** Action 1, the safest: tolerationSeconds on the chosen demo Deployments, shown as a diff first, revertible. */
public final class TolerationActions {

    public static final long DEFAULT_TOLERATION_SECONDS = 2;

    private final TuningTasks tasks;
    private final Supplier<List<String>> chosen;
    private final Supplier<EffectiveSettings> settings;
    private final Runnable refresh;
    private final IntegerProperty tolerationSeconds = new SimpleIntegerProperty((int) DEFAULT_TOLERATION_SECONDS);

    TolerationActions(TuningTasks tasks, Supplier<List<String>> chosen, Supplier<EffectiveSettings> settings, Runnable refresh) {
        this.tasks = tasks;
        this.chosen = chosen;
        this.settings = settings;
        this.refresh = refresh;
    }

    /** Computes the toleration change for every chosen Deployment and shows it; nothing is written. */
    public void preview() {
        TuningBackend b = tasks.backend();
        long seconds = tolerationSeconds.get();
        List<String> targets = chosen.get();
        if (b == null || targets.isEmpty()) {
            tasks.say("Choose at least one demo Deployment first.");
            return;
        }
        if (seconds < TolerationTuning.MIN_SECONDS || seconds > TolerationTuning.MAX_SECONDS) {
            tasks.say("tolerationSeconds must be " + TolerationTuning.MIN_SECONDS + "–" + TolerationTuning.MAX_SECONDS + " s.");
            return;
        }
        EffectiveSettings current = settings.get();
        tasks.run("Computing the toleration change", () -> {
            List<TolerationPatchPlan> plans = new ArrayList<>();
            for (String key : targets) {
                plans.add(b.prepareTolerations(key, seconds));
            }
            return plans;
        }, plans -> tasks.offer(change("Set tolerationSeconds " + seconds + " s on " + String.join(", ", targets), plans, current),
                () -> {
                    for (TolerationPatchPlan plan : plans) {
                        b.applyTolerations(plan);
                    }
                    return "tolerationSeconds " + seconds + " s on " + String.join(", ", targets)
                            + "; the previous tolerations are kept in the Deployment (pirack.io/previous-tolerations)";
                }));
    }

    /** One click: puts back the tolerations PiRack found before its first change, on every chosen Deployment. */
    public void revert() {
        TuningBackend b = tasks.backend();
        List<String> targets = chosen.get();
        if (b == null || targets.isEmpty()) {
            return;
        }
        tasks.run("Reverting the tolerations", () -> {
            List<String> done = new ArrayList<>();
            for (String key : targets) {
                TolerationPatchPlan plan = b.prepareTolerationRevert(key);
                b.applyTolerations(plan);
                done.add(plan.diff());
            }
            return done;
        }, diffs -> {
            tasks.record("Reverted tolerations:\n" + String.join("\n", diffs));
            refresh.run();
        });
    }

    private static PendingChange change(String title, List<TolerationPatchPlan> plans, EffectiveSettings settings) {
        List<String> warnings = new ArrayList<>();
        StringBuilder diff = new StringBuilder();
        String predicted = "";
        for (TolerationPatchPlan plan : plans) {
            diff.append(plan.unchanged() ? plan.namespace() + "/" + plan.deployment() + ": already so, nothing to change\n" : plan.diff());
            if (!diff.isEmpty() && diff.charAt(diff.length() - 1) != '\n') {
                diff.append('\n');
            }
            plan.warnings().forEach(w -> warnings.add(plan.namespace() + "/" + plan.deployment() + ": " + w));
            if (settings != null && predicted.isEmpty()) {
                predicted = "Afterwards, pods move " + FailoverPrediction.predict(settings, plan.after()).summary() + " after the plug is pulled.";
            }
        }
        warnings.add("The Deployments roll: their pods restart once with the new tolerations.");
        return new PendingChange(title, diff.toString(), warnings, predicted);
    }

    public IntegerProperty tolerationSecondsProperty() {
        return tolerationSeconds;
    }
}
