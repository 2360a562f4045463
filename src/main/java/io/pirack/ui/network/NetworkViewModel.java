package io.pirack.ui.network;

import io.pirack.core.net.CheckResult;
import io.pirack.core.net.DoctorReport;
import io.pirack.core.net.HostFlavour;
import io.pirack.core.net.HostSnapshot;
import io.pirack.core.preflight.CheckStatus;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.validate.Ipv4Subnet;
import io.pirack.ui.network.NetworkBackend.NetworkProblem;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Network screen's state and commands: the doctor checklist, the discovered Pis and their
 * assignment to rack slots, Identify, and Apply (diff, one administrator prompt, per-Pi progress).
 * Blocking work runs on the injected background executor and comes back through the FX executor;
 * every failure ends up as a sentence in a property, never as an exception in the UI.
 */
public final class NetworkViewModel {

    /** One discovered Pi as the table shows it; {@code slot} and {@code plannedIp} are "" when unassigned. */
    public record PiRow(String mac, String currentIp, String sentHostname, String slot, String plannedIp, boolean blinking,
                        String note) {
        public boolean assigned() {
            return !slot.isEmpty();
        }
    }


    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final NetworkBackend backend;
    private final Executor background;
    private final Executor fx;

    private final ObservableList<CheckResult> checks = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty progressText = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<RackSpec> rack = new SimpleObjectProperty<>();
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty lastRun = new SimpleStringProperty("");
    private final BooleanProperty rehearsal = new SimpleBooleanProperty(false);

    private HostSnapshot snapshot;
    /** A rerun asked for while one ran (e.g. the session changed): run again when this one ends. */
    private boolean rerunPending;
    private final PiTable table;
    private final NetworkApplyModel apply;

    /**
     * @param backend    the rest of PiRack (rack, checks, apply, identify)
     * @param background runs blocking work (capture, SSH, the administrator prompt)
     * @param fx         runs results on the FX thread ({@code Platform::runLater}; tests pass a direct executor)
     */
    public NetworkViewModel(NetworkBackend backend, Executor background, Executor fx) {
        this.backend = backend;
        this.background = background;
        this.fx = fx;
        this.rack.set(backend.rack());
        this.rehearsal.set(backend.rehearsal());
        this.table = new PiTable(backend, background, fx, rack, message);
        this.apply = new NetworkApplyModel(backend, background, fx, () -> snapshot, rack::get, () -> table.currentAddresses(rack.get()),
                table.rows()::isEmpty, applied -> {
                    rack.set(applied);
                    table.refresh();
                });
        backend.remembered().filter(r -> !rehearsal.get()).ifPresent(r -> {
            host.set(r.host());
            lastRun.set("Last checked " + TIME.format(r.at()) + " (remembered; press \u201cRe-run checks\u201d to check again)");
        });
    }

    /** Apply: the diff first, then one administrator prompt, then each Pi's progress. */
    public NetworkApplyModel apply() {
        return apply;
    }

    /** How this computer shares its connection: "Linux · NetworkManager shared · 10.42.0.0/24". */
    public ReadOnlyStringProperty hostProperty() {
        return host;
    }

    /** When the shown result was taken and what the preflight does with it. */
    public ReadOnlyStringProperty lastRunProperty() {
        return lastRun;
    }

    /** True on the rehearsal rack: the booth network is not needed, and the screen says so. */
    public ReadOnlyBooleanProperty rehearsalProperty() {
        return rehearsal;
    }

    /** What the Pis section says while no Pi was found: the next step, not just "none". */
    public String noPisHint() {
        if (rehearsal.get()) {
            return "The rehearsal rack's Pis live inside PiRack: there is nothing to find on a cable. Open your real cluster "
                    + "(File \u25B8 Open kubeconfig\u2026) to set up the booth network.";
        }
        // The host's own DHCP range: bootpd hands out .2 up, NetworkManager's dnsmasq .10 up (--dhcp-range=x.x.x.10,x.x.x.254).
        Optional<HostFlavour> flavour = Optional.ofNullable(snapshot).map(HostFlavour::detect);
        Ipv4Subnet subnet = flavour.map(HostFlavour::subnet).orElseGet(() -> Ipv4Subnet.parse(rack.get().subnet()).isValid()
                ? Ipv4Subnet.parse(rack.get().subnet()).orThrow() : Ipv4Subnet.MACOS_INTERNET_SHARING);
        int first = flavour.map(f -> f.kind() == HostFlavour.Kind.LINUX_NM_SHARED || f.kind() == HostFlavour.Kind.NONE
                && f.platform() == HostSnapshot.Platform.LINUX ? 10 : 2).orElse(2);
        String range = " They should get an address between " + subnet.network().plus(first) + " and " + subnet.broadcast().plus(-1)
                + " from " + subnet.gateway() + ".";
        return "No Raspberry Pi seen yet on the booth network. Plug each Pi's Ethernet cable into the switch or USB adapter, "
                + "power it and wait about a minute for it to boot, then press \u201cScan again\u201d." + range;
    }

    public ObservableList<CheckResult> checks() {
        return checks;
    }

    public ObservableList<PiRow> pis() {
        return table.rows();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** 0…1 while the checks run. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText;
    }

    /** The last notice for the presenter (an action's outcome or why it failed). */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyObjectProperty<RackSpec> rackProperty() {
        return rack;
    }

    public List<String> slotNames() {
        return rack.get().slots().stream().map(PiSlot::hostname).toList();
    }

    // ---- checks ------------------------------------------------------------------------------

    /** Captures, checks and discovers again. */
    public void rerun() {
        if (busy.get()) {
            rerunPending = true;
            return;
        }
        busy.set(true);
        rehearsal.set(backend.rehearsal());
        if (!backend.rack().equals(rack.get())) {
            rack.set(backend.rack());
        }
        progress.set(-1);
        progressText.set("Reading this computer's network settings and checking the Pis\u2026");
        RackSpec current = rack.get();
        background.execute(() -> {
            try {
                NetworkBackend.Checked checked = backend.check(current);
                fx.execute(() -> showChecked(checked));
            } catch (NetworkProblem | RuntimeException e) {
                String text = e instanceof NetworkProblem ? e.getMessage() : "Could not check the network: " + e.getMessage();
                fx.execute(() -> {
                    progress.set(0);
                    progressText.set("");
                    message.set(text);
                    busy.set(false);
                });
            }
        });
    }

    private void showChecked(NetworkBackend.Checked checked) {
        DoctorReport report = checked.report();
        snapshot = checked.snapshot();
        checks.setAll(report.checks());
        host.set(report.host());
        table.discovered(checked.pis());
        long failing = report.count(CheckStatus.FAIL);
        long warnings = report.count(CheckStatus.WARN);
        progress.set(1);
        if (rehearsal.get()) {
            progressText.set(report.checks().size() + " checks, all " + DoctorReport.NOT_NEEDED);
            lastRun.set("The rehearsal rack runs inside PiRack and needs no booth network.");
        } else {
            progressText.set(report.checks().size() + " checks: " + failing + (failing == 1 ? " failure, " : " failures, ") + warnings
                    + (warnings == 1 ? " warning; " : " warnings; ") + table.discovered().size() + (table.discovered().size() == 1 ? " Pi" : " Pis") + " found");
            lastRun.set("Checked " + TIME.format(report.at()) + (report.live()
                    ? "; the preflight uses this result for " + DoctorReport.FRESH_FOR.toMinutes() + " min or until the network changes."
                    : " from a captured folder."));
        }
        busy.set(false);
        if (rerunPending) {
            rerunPending = false;
            rerun();
        }
    }

    /** The button text for a check's action, or empty when PiRack cannot fix it at a click. */
    public static Optional<String> actionLabel(CheckResult check) {
        String action = check.actionId();
        if (action.equals(CheckResult.OPEN_SHARING_PANE)) {
            return Optional.of("Open Sharing settings");
        }
        if (action.equals(CheckResult.WRITE_BOOTPTAB)) {
            return Optional.of("Write bootptab…");
        }
        if (action.equals(CheckResult.WRITE_DHCP_HOSTS)) {
            return Optional.of("Write fixed addresses…");
        }
        if (action.equals(CheckResult.ASSIGN_ADDRESSES)) {
            return Optional.of("Suggest addresses");
        }
        if (action.equals(CheckResult.USE_HOST_SUBNET)) {
            return Optional.of("Use this computer's subnet");
        }
        if (action.startsWith(CheckResult.RELEASE_REBIND)) {
            return Optional.of("Release and rebind " + action.substring(CheckResult.RELEASE_REBIND.length()) + "…");
        }
        return Optional.empty();
    }

    /**
     * Runs a check's action. Writing the file and rebinding a Pi both go through Apply, which shows the
     * diff first and only rebinds Pis that are not at their planned address.
     */
    public void runAction(CheckResult check) {
        String action = check.actionId();
        if (action.equals(CheckResult.OPEN_SHARING_PANE)) {
            openSharingPane();
        } else if (action.equals(CheckResult.ASSIGN_ADDRESSES)) {
            suggestAddresses();
        } else if (action.equals(CheckResult.USE_HOST_SUBNET)) {
            table.useHostSubnet(snapshot);
        } else if (action.equals(CheckResult.WRITE_BOOTPTAB) || action.equals(CheckResult.WRITE_DHCP_HOSTS)
                || action.startsWith(CheckResult.RELEASE_REBIND)) {
            apply.prepare();
            message.set(apply.stateProperty().get() == NetworkApplyModel.State.PREVIEW
                    ? "The changes to " + apply.diffTargetProperty().get() + " are shown under Apply below: check them, then press "
                    + "\u201cWrite and apply\u2026\u201d." : apply.messageProperty().get());
        }
    }

    private void openSharingPane() {
        HostSnapshot current = snapshot;
        if (current == null) {
            message.set("Run the checks first.");
            return;
        }
        message.set("Opening the Sharing settings\u2026");
        background.execute(() -> {
            String outcome;
            try {
                outcome = backend.openSharingPane(current);
            } catch (NetworkProblem e) {
                outcome = e.getMessage();
            }
            String text = outcome;
            fx.execute(() -> message.set(text));
        });
    }

    // ---- discovery, assignment and identify (PiTable) ----------------------------------------

    /** Puts a discovered Pi in a rack slot and gives slots without an address the next suggested one. */
    public void assign(PiRow row, String slotHostname) {
        table.assign(row, slotHostname);
    }

    /** Gives every slot without an address the next free one: .101, .102, … in slot order. */
    public void suggestAddresses() {
        table.suggestAddresses();
    }

    /** Sets a slot's planned address after checking it is an address inside the rack's subnet. */
    public boolean setPlannedIp(String slotHostname, String text) {
        return table.setPlannedIp(slotHostname, text);
    }

    /** Blinks the Pi's ACT LED, or, when it is blinking, puts the LED back at once. */
    public void toggleIdentify(PiRow row) {
        table.toggleIdentify(row);
    }
}
