package io.pirack.ui.tuning;

import io.pirack.core.images.ImageVerdict;
import io.pirack.core.tuning.ImagePresence;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The demo images on every node the demo pods can run on: which are there, and a pre-pull to put them there. */
public final class ImagePrePull {

    private final TuningTasks tasks;
    private final Supplier<List<String>> chosen;
    private final ObservableList<String> images = FXCollections.observableArrayList();
    private final ObjectProperty<ImagePresence> presence = new SimpleObjectProperty<>();
    private final BooleanProperty prePulling = new SimpleBooleanProperty();
    private final ObservableList<ImageVerdict> architectures = FXCollections.observableArrayList();

    ImagePrePull(TuningTasks tasks, Supplier<List<String>> chosen) {
        this.tasks = tasks;
        this.chosen = chosen;
    }

    /** A new cluster: nothing known yet. */
    void reset() {
        images.clear();
        presence.set(null);
        architectures.clear();
    }

    /** What a fresh read of the cluster found. */
    void show(List<String> imageList, ImagePresence found, boolean running) {
        images.setAll(imageList);
        presence.set(found);
        prePulling.set(running);
    }

    public void start() {
        TuningBackend b = tasks.backend();
        List<String> list = List.copyOf(images);
        List<String> keys = chosen.get();
        if (b == null || list.isEmpty()) {
            tasks.say("No demo images to pre-pull: choose the demo Deployments first.");
            return;
        }
        tasks.run("Starting the pre-pull", () -> {
            b.startPrePull(list);
            return b.imagePresence(keys, list);
        }, p -> {
            prePulling.set(true);
            presence.set(p);
            tasks.record("Pre-pull started for " + list.size() + " images on every node");
        });
    }

    /** Re-reads per node and image how the pre-pull is going; called every few seconds while it runs. */
    public void refresh() {
        TuningBackend b = tasks.backend();
        List<String> list = List.copyOf(images);
        List<String> keys = chosen.get();
        if (b == null || list.isEmpty()) {
            return;
        }
        tasks.run(null, () -> b.imagePresence(keys, list), presence::set);
    }

    /** Asks each image's registry for its platforms and compares them with every node's (offline: the last answers). */
    public void checkArchitectures() {
        TuningBackend b = tasks.backend();
        if (b == null) {
            return;
        }
        List<String> keys = chosen.get();
        tasks.run("Asking the registries which platforms each image has", () -> b.imageArchitectures(keys), verdicts -> {
            architectures.setAll(verdicts);
            long bad = verdicts.stream().filter(v -> v.verdict() == ImageVerdict.Verdict.NONE || v.verdict() == ImageVerdict.Verdict.SOME).count();
            tasks.record(bad == 0 ? "Image architectures checked: " + verdicts.size() + " images" : bad + " image(s) cannot run on every Pi");
        });
    }

    /** One verdict per demo image, worst first; empty until checked. */
    public ObservableList<ImageVerdict> architectures() {
        return architectures;
    }

    public void cleanUp() {
        TuningBackend b = tasks.backend();
        if (b == null) {
            return;
        }
        tasks.run("Cleaning up the pre-pull", () -> {
            b.cleanUpPrePull();
            return Boolean.TRUE;
        }, done -> {
            prePulling.set(false);
            tasks.record("Pre-pull DaemonSet removed (the images stay until the kubelet's garbage collection needs the space)");
        });
    }

    public ObservableList<String> images() {
        return images;
    }

    public ReadOnlyObjectProperty<ImagePresence> presenceProperty() {
        return presence;
    }

    public ReadOnlyBooleanProperty prePullingProperty() {
        return prePulling;
    }
}
