package io.pirack.ui.network;

import io.pirack.core.net.ApplyStage;
import io.pirack.core.net.BootptabFile;
import io.pirack.core.net.ConflictPolicy;
import io.pirack.core.net.DnsmasqHostsFile;
import io.pirack.core.net.HostSnapshot;
import io.pirack.core.net.RenderedFile;
import io.pirack.core.net.SnapshotFiles;
import io.pirack.core.net.StaticLeasePlan;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.tuning.LineDiff;
import io.pirack.core.validate.Ipv4Address;
import io.pirack.ui.network.NetworkBackend.NetworkProblem;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Network screen's Apply: the diff of the DHCP file first (nothing written), then on confirm one
 * administrator prompt, the reload, each Pi's release/rebind and wait, and the sentence saying what
 * changed on disk. Blocking work on the background executor, results through the FX executor.
 */
public final class NetworkApplyModel {

    /** One rack Pi's line in the Apply progress. */
    public record Row(String hostname, ApplyStage stage, String message) {}

    public enum State { IDLE, PREVIEW, APPLYING, DONE, FAILED }

    /** Hand-written lines that claim a rack Pi are commented out, visibly in the diff, rather than blocking. */
    static final ConflictPolicy POLICY = ConflictPolicy.TAKE_OVER;

    private final NetworkBackend backend;
    private final Executor background;
    private final Executor fx;
    private final Supplier<HostSnapshot> snapshot;
    private final Supplier<RackSpec> rack;
    private final Supplier<Map<String, Ipv4Address>> currentAddresses;
    private final BooleanSupplier noPisFound;
    private final Consumer<RackSpec> applied;

    private final ObservableList<String> diff = FXCollections.observableArrayList();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.IDLE);
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty diffTarget = new SimpleStringProperty("");

    /**
     * @param snapshot         what the last check read (null before the first)
     * @param currentAddresses where each assigned Pi is now, by rack hostname
     * @param applied          receives the rack with the applied addresses (already saved through the backend)
     */
    NetworkApplyModel(NetworkBackend backend, Executor background, Executor fx, Supplier<HostSnapshot> snapshot, Supplier<RackSpec> rack,
                      Supplier<Map<String, Ipv4Address>> currentAddresses, BooleanSupplier noPisFound, Consumer<RackSpec> applied) {
        this.backend = backend;
        this.background = background;
        this.fx = fx;
        this.snapshot = snapshot;
        this.rack = rack;
        this.currentAddresses = currentAddresses;
        this.noPisFound = noPisFound;
        this.applied = applied;
    }

    /** The unified diff of the DHCP file, one line per item ({@code +}, {@code -}, context, {@code @@}). */
    public ObservableList<String> diff() {
        return diff;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** The file the diff is for. */
    public ReadOnlyStringProperty diffTargetProperty() {
        return diffTarget;
    }

    /** Shows what the DHCP file will look like; nothing is written until {@link #confirm}. */
    public void prepare() {
        if (state.get() == State.APPLYING) {
            return;
        }
        HostSnapshot snapshot = this.snapshot.get();
        if (snapshot == null) {
            fail("Run the checks first: Apply needs the current DHCP file.");
            return;
        }
        StaticLeasePlan.Result plan = StaticLeasePlan.fromRack(rack.get());
        if (!plan.ok()) {
            fail("Nothing was applied: " + plan.problems().get(0).message());
            return;
        }
        if (plan.leases().isEmpty()) {
            fail("Nothing was applied: assign the Pis to slots first (each slot needs a MAC and an address)."
                    + (noPisFound.getAsBoolean() ? " No Pi has been found yet: see \u201cRaspberry Pis on the booth network\u201d above." : ""));
            return;
        }
        String before;
        RenderedFile after;
        if (snapshot.platform() == HostSnapshot.Platform.MACOS) {
            before = snapshot.file(SnapshotFiles.BOOTPTAB).orElse("");
            after = BootptabFile.of(before).render(plan.leases(), POLICY);
            diffTarget.set("/etc/bootptab");
        } else {
            before = snapshot.file(SnapshotFiles.DNSMASQ_SHARED_DIR + "/" + DnsmasqHostsFile.FILE_NAME).orElse("");
            after = new RenderedFile(DnsmasqHostsFile.render(plan.leases()), List.of());
            diffTarget.set("/etc/NetworkManager/" + SnapshotFiles.DNSMASQ_SHARED_DIR + "/" + DnsmasqHostsFile.FILE_NAME);
        }
        if (!after.ok()) {
            fail("Nothing was applied: " + after.problems().get(0).format(diffTarget.get()));
            return;
        }
        boolean changes = !before.equals(after.text());
        diff.setAll(changes ? LineDiff.unified(diffTarget.get(), before, after.text()).lines().toList() : List.of());
        rows.clear();
        state.set(State.PREVIEW);
        message.set(changes ? "Check the changes to " + diffTarget.get()
                + ", then write them: your computer asks for an administrator password once."
                : diffTarget.get() + " already holds these addresses; Apply only moves the Pis that are elsewhere.");
    }

    public void cancel() {
        if (state.get() == State.PREVIEW) {
            diff.clear();
            state.set(State.IDLE);
            message.set("Nothing was applied.");
        }
    }

    /** Writes the file behind one administrator prompt, rebinds the Pis, waits for them, saves the rack. */
    public void confirm() {
        if (state.get() != State.PREVIEW) {
            return;
        }
        RackSpec plan = rack.get();
        HostSnapshot current = snapshot.get();
        Map<String, Ipv4Address> currentAddresses = this.currentAddresses.get();
        state.set(State.APPLYING);
        message.set("Waiting for the administrator password…");
        rows.setAll(plan.slots().stream().filter(s -> s.mac() != null && s.ip() != null)
                .map(s -> new Row(s.hostname(), ApplyStage.WAITING, s.hostname() + ": waiting")).toList());
        NetworkBackend.ApplyProgress listener = new NetworkBackend.ApplyProgress() {
            @Override
            public void onPi(String hostname, ApplyStage stage, String text) {
                fx.execute(() -> showPi(new Row(hostname, stage, text)));
            }

            @Override
            public void onStep(String text) {
                fx.execute(() -> message.set(text));
            }
        };
        background.execute(() -> {
            try {
                NetworkBackend.Applied result = backend.apply(current, plan, currentAddresses, POLICY, listener);
                fx.execute(() -> finish(result));
            } catch (NetworkProblem e) {
                fx.execute(() -> fail(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fx.execute(() -> fail("Apply was interrupted while waiting for the Pis."));
            }
        });
    }

    private void showPi(Row row) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).hostname().equals(row.hostname())) {
                rows.set(i, row);
                return;
            }
        }
        rows.add(row);
    }

    private void finish(NetworkBackend.Applied result) {
        backend.saveRack(result.rack());
        applied.accept(result.rack());
        long failed = result.pis().stream().filter(p -> p.stage() == ApplyStage.FAILED).count();
        state.set(failed == 0 ? State.DONE : State.FAILED);
        message.set(result.fileOutcome() + "; " + (result.pis().size() - failed) + " of " + result.pis().size()
                + " Pis at their fixed addresses" + (failed == 0 ? "." : ": see the Pis marked failed."));
        diff.clear();
    }

    private void fail(String text) {
        state.set(State.FAILED);
        message.set(text);
    }
}
