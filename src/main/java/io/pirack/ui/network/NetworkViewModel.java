package io.pirack.ui.network;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.net.ApplyStage;
import io.pirack.core.net.BootptabFile;
import io.pirack.core.net.CheckResult;
import io.pirack.core.net.ConflictPolicy;
import io.pirack.core.net.DiscoveredPi;
import io.pirack.core.net.DnsmasqHostsFile;
import io.pirack.core.net.DoctorReport;
import io.pirack.core.net.HostFlavour;
import io.pirack.core.net.HostSnapshot;
import io.pirack.core.net.LedBlink;
import io.pirack.core.net.PiDiscovery;
import io.pirack.core.net.RenderedFile;
import io.pirack.core.net.SnapshotFiles;
import io.pirack.core.net.StaticLeasePlan;
import io.pirack.core.preflight.CheckStatus;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.tuning.LineDiff;
import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.Ipv4Subnet;
import io.pirack.core.validate.MacAddress;
import io.pirack.core.validate.Validation;
import io.pirack.ui.network.NetworkBackend.NetworkProblem;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /** One rack Pi's line in the Apply progress. */
    public record ApplyRow(String hostname, ApplyStage stage, String message) {}

    public enum ApplyState { IDLE, PREVIEW, APPLYING, DONE, FAILED }

    /** Hand-written lines that claim a rack Pi are commented out, visibly in the diff, rather than blocking. */
    static final ConflictPolicy POLICY = ConflictPolicy.TAKE_OVER;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final NetworkBackend backend;
    private final Executor background;
    private final Executor fx;

    private final ObservableList<CheckResult> checks = FXCollections.observableArrayList();
    private final ObservableList<PiRow> pis = FXCollections.observableArrayList();
    private final ObservableList<String> diff = FXCollections.observableArrayList();
    private final ObservableList<ApplyRow> applyRows = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty progressText = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<RackSpec> rack = new SimpleObjectProperty<>();
    private final ObjectProperty<ApplyState> applyState = new SimpleObjectProperty<>(ApplyState.IDLE);
    private final StringProperty applyMessage = new SimpleStringProperty("");
    private final StringProperty diffTarget = new SimpleStringProperty("");
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty lastRun = new SimpleStringProperty("");
    private final BooleanProperty rehearsal = new SimpleBooleanProperty(false);

    private HostSnapshot snapshot;
    private List<DiscoveredPi> discovered = List.of();
    private final Map<String, LedBlink> blinks = new HashMap<>();

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
        backend.remembered().filter(r -> !rehearsal.get()).ifPresent(r -> {
            host.set(r.host());
            lastRun.set("Last checked " + TIME.format(r.at()) + " (remembered; press \u201cRe-run checks\u201d to check again)");
        });
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
        return pis;
    }

    /** The unified diff of the DHCP file, one line per item ({@code +}, {@code -}, context, {@code @@}). */
    public ObservableList<String> diff() {
        return diff;
    }

    public ObservableList<ApplyRow> applyRows() {
        return applyRows;
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

    public ReadOnlyObjectProperty<ApplyState> applyStateProperty() {
        return applyState;
    }

    public ReadOnlyStringProperty applyMessageProperty() {
        return applyMessage;
    }

    /** The file the diff is for. */
    public ReadOnlyStringProperty diffTargetProperty() {
        return diffTarget;
    }

    public List<String> slotNames() {
        return rack.get().slots().stream().map(PiSlot::hostname).toList();
    }

    // ---- checks ------------------------------------------------------------------------------

    /** Captures, checks and discovers again. */
    public void rerun() {
        if (busy.get()) {
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
        discovered = checked.pis();
        checks.setAll(report.checks());
        host.set(report.host());
        refreshPis();
        long failing = report.count(CheckStatus.FAIL);
        long warnings = report.count(CheckStatus.WARN);
        progress.set(1);
        if (rehearsal.get()) {
            progressText.set(report.checks().size() + " checks, all " + DoctorReport.NOT_NEEDED);
            lastRun.set("The rehearsal rack runs inside PiRack and needs no booth network.");
        } else {
            progressText.set(report.checks().size() + " checks: " + failing + (failing == 1 ? " failure, " : " failures, ") + warnings
                    + (warnings == 1 ? " warning; " : " warnings; ") + discovered.size() + (discovered.size() == 1 ? " Pi" : " Pis") + " found");
            lastRun.set("Checked " + TIME.format(report.at()) + (report.live()
                    ? "; the preflight uses this result for " + DoctorReport.FRESH_FOR.toMinutes() + " min or until the network changes."
                    : " from a captured folder."));
        }
        busy.set(false);
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
            useHostSubnet();
        } else if (action.equals(CheckResult.WRITE_BOOTPTAB) || action.equals(CheckResult.WRITE_DHCP_HOSTS)
                || action.startsWith(CheckResult.RELEASE_REBIND)) {
            prepareApply();
            message.set(applyState.get() == ApplyState.PREVIEW
                    ? "The changes to " + diffTarget.get() + " are shown under Apply below: check them, then press \u201cWrite and apply\u2026\u201d."
                    : applyMessage.get());
        }
    }

    /** Moves the rack to the subnet this computer shares; each planned address keeps its last number. */
    private void useHostSubnet() {
        Optional<Ipv4Subnet> shared = Optional.ofNullable(snapshot).map(HostFlavour::detect).map(HostFlavour::subnet);
        if (shared.isEmpty()) {
            message.set("Run the checks first.");
            return;
        }
        Ipv4Subnet target = shared.get();
        List<PiSlot> slots = new ArrayList<>();
        for (PiSlot slot : rack.get().slots()) {
            Validation<Ipv4Address> ip = slot.ip() == null ? Validation.invalid("") : Ipv4Address.parse(slot.ip());
            slots.add(ip.isValid() ? slot.withIp(target.network().plus(ip.orThrow().octet(3)).toString()) : slot);
        }
        RackSpec spec = rack.get();
        updateRack(new RackSpec(spec.name(), slots, target.toString(), spec.defaultPlugMethod(), spec.turingPiUrl(), spec.deadManSeconds()));
        message.set("The rack now plans " + target + "; press \u201cApply\u2026\u201d to write the fixed addresses, then re-run the checks.");
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

    // ---- discovery and assignment ------------------------------------------------------------

    private void refreshPis() {
        RackSpec spec = rack.get();
        List<PiRow> rows = new ArrayList<>();
        for (DiscoveredPi pi : discovered) {
            Optional<PiSlot> slot = slotOf(spec, pi.mac());
            rows.add(new PiRow(pi.mac().canonical(), pi.currentIp().map(Ipv4Address::toString).orElse(""), pi.hostname(),
                    slot.map(PiSlot::hostname).orElse(""), slot.map(PiSlot::ip).filter(ip -> ip != null).orElse(""),
                    blinks.containsKey(pi.mac().canonical()),
                    pi.hasNonMacClientId() ? "sends client id " + pi.nonMacClientId() + ": a MAC entry will not match it" : ""));
        }
        pis.setAll(rows);
    }

    private static Optional<PiSlot> slotOf(RackSpec spec, MacAddress mac) {
        return spec.slots().stream().filter(s -> s.mac() != null && MacAddress.parse(s.mac()).isValid()
                && MacAddress.parse(s.mac()).orThrow().equals(mac)).findFirst();
    }

    /** Puts a discovered Pi in a rack slot and gives slots without an address the next suggested one. */
    public void assign(PiRow row, String slotHostname) {
        if (rack.get().slot(slotHostname).isEmpty()) {
            message.set("There is no slot " + slotHostname + " in the rack.");
            return;
        }
        RackSpec assigned = PiDiscovery.assign(rack.get(), slotHostname, MacAddress.parse(row.mac()).orThrow());
        updateRack(withSuggestions(assigned).orElse(assigned));
        message.set(row.mac() + " is now " + slotHostname + ".");
    }

    /** Gives every slot without an address the next free one: .101, .102, … in slot order. */
    public void suggestAddresses() {
        Optional<RackSpec> suggested = withSuggestions(rack.get());
        if (suggested.isPresent()) {
            updateRack(suggested.get());
            message.set("Suggested addresses for the slots that had none.");
        }
    }

    private Optional<RackSpec> withSuggestions(RackSpec spec) {
        Validation<Ipv4Subnet> subnet = Ipv4Subnet.parse(spec.subnet());
        if (!subnet.isValid()) {
            message.set("The rack's subnet is not valid: " + subnet.message());
            return Optional.empty();
        }
        return Optional.of(PiDiscovery.withSuggestedAddresses(spec, subnet.orThrow(), Set.of(subnet.orThrow().gateway())));
    }

    /** Sets a slot's planned address after checking it is an address inside the rack's subnet. */
    public boolean setPlannedIp(String slotHostname, String text) {
        Optional<PiSlot> slot = rack.get().slot(slotHostname);
        if (slot.isEmpty()) {
            message.set("There is no slot " + slotHostname + " in the rack.");
            return false;
        }
        Validation<Ipv4Address> ip = Ipv4Address.parse(text.strip());
        if (!ip.isValid()) {
            message.set(slotHostname + ": " + ip.message());
            return false;
        }
        Validation<Ipv4Subnet> subnet = Ipv4Subnet.parse(rack.get().subnet());
        if (subnet.isValid() && !subnet.orThrow().contains(ip.orThrow())) {
            message.set(slotHostname + ": " + ip.orThrow() + " is outside the booth subnet " + subnet.orThrow());
            return false;
        }
        updateRack(rack.get().replaceSlot(slot.get().withIp(ip.orThrow().toString())));
        message.set(slotHostname + " will be at " + ip.orThrow() + " after Apply.");
        return true;
    }

    private void updateRack(RackSpec updated) {
        rack.set(updated);
        backend.saveRack(updated);
        refreshPis();
    }

    // ---- identify ----------------------------------------------------------------------------

    /** Blinks the Pi's ACT LED, or, when it is blinking, puts the LED back at once. */
    public void toggleIdentify(PiRow row) {
        if (row.currentIp().isEmpty()) {
            message.set(row.mac() + " has no current address, so PiRack cannot reach it.");
            return;
        }
        PiSlot slot = rack.get().slot(row.slot()).orElse(PiSlot.of(row.sentHostname().isEmpty() ? row.currentIp() : row.sentHostname(),
                NodeRole.WORKER));
        LedBlink blink = blinks.get(row.mac());
        message.set(blink == null ? "Asking " + slot.hostname() + " to blink its LED\u2026" : "Restoring " + slot.hostname() + "'s LED\u2026");
        background.execute(() -> {
            String outcome;
            try {
                if (blink == null) {
                    LedBlink started = backend.blink(slot, row.currentIp());
                    fx.execute(() -> blinks.put(row.mac(), started));
                    outcome = slot.hostname() + " is blinking its green LED for 30 s.";
                } else {
                    backend.restoreLed(slot, row.currentIp(), blink);
                    fx.execute(() -> blinks.remove(row.mac()));
                    outcome = slot.hostname() + "'s LED is back to " + blink.savedTrigger() + ".";
                }
            } catch (NetworkProblem e) {
                outcome = e.getMessage();
            }
            String text = outcome;
            fx.execute(() -> {
                message.set(text);
                refreshPis();
            });
        });
    }

    // ---- apply -------------------------------------------------------------------------------

    /** Shows what the DHCP file will look like; nothing is written until {@link #confirmApply}. */
    public void prepareApply() {
        if (applyState.get() == ApplyState.APPLYING) {
            return;
        }
        if (snapshot == null) {
            failApply("Run the checks first: Apply needs the current DHCP file.");
            return;
        }
        StaticLeasePlan.Result plan = StaticLeasePlan.fromRack(rack.get());
        if (!plan.ok()) {
            failApply("Nothing was applied: " + plan.problems().get(0).message());
            return;
        }
        if (plan.leases().isEmpty()) {
            failApply("Nothing was applied: assign the Pis to slots first (each slot needs a MAC and an address)."
                    + (pis.isEmpty() ? " No Pi has been found yet: see \u201cRaspberry Pis on the booth network\u201d above." : ""));
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
            failApply("Nothing was applied: " + after.problems().get(0).format(diffTarget.get()));
            return;
        }
        boolean changes = !before.equals(after.text());
        diff.setAll(changes ? LineDiff.unified(diffTarget.get(), before, after.text()).lines().toList() : List.of());
        applyRows.clear();
        applyState.set(ApplyState.PREVIEW);
        applyMessage.set(changes ? "Check the changes to " + diffTarget.get()
                + ", then write them: your computer asks for an administrator password once."
                : diffTarget.get() + " already holds these addresses; Apply only moves the Pis that are elsewhere.");
    }

    public void cancelApply() {
        if (applyState.get() == ApplyState.PREVIEW) {
            diff.clear();
            applyState.set(ApplyState.IDLE);
            applyMessage.set("Nothing was applied.");
        }
    }

    /** Writes the file behind one administrator prompt, rebinds the Pis, waits for them, saves the rack. */
    public void confirmApply() {
        if (applyState.get() != ApplyState.PREVIEW) {
            return;
        }
        RackSpec plan = rack.get();
        HostSnapshot current = snapshot;
        Map<String, Ipv4Address> currentAddresses = currentAddresses(plan);
        applyState.set(ApplyState.APPLYING);
        applyMessage.set("Waiting for the administrator password…");
        applyRows.setAll(plan.slots().stream().filter(s -> s.mac() != null && s.ip() != null)
                .map(s -> new ApplyRow(s.hostname(), ApplyStage.WAITING, s.hostname() + ": waiting")).toList());
        NetworkBackend.ApplyProgress listener = new NetworkBackend.ApplyProgress() {
            @Override
            public void onPi(String hostname, ApplyStage stage, String text) {
                fx.execute(() -> showPi(new ApplyRow(hostname, stage, text)));
            }

            @Override
            public void onStep(String text) {
                fx.execute(() -> applyMessage.set(text));
            }
        };
        background.execute(() -> {
            try {
                NetworkBackend.Applied result = backend.apply(current, plan, currentAddresses, POLICY, listener);
                fx.execute(() -> finishApply(result));
            } catch (NetworkProblem e) {
                fx.execute(() -> failApply(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fx.execute(() -> failApply("Apply was interrupted while waiting for the Pis."));
            }
        });
    }

    private Map<String, Ipv4Address> currentAddresses(RackSpec spec) {
        Map<String, Ipv4Address> addresses = new LinkedHashMap<>();
        for (DiscoveredPi pi : discovered) {
            if (pi.currentIp().isPresent()) {
                slotOf(spec, pi.mac()).ifPresent(slot -> addresses.put(slot.hostname(), pi.currentIp().get()));
            }
        }
        return addresses;
    }

    private void showPi(ApplyRow row) {
        for (int i = 0; i < applyRows.size(); i++) {
            if (applyRows.get(i).hostname().equals(row.hostname())) {
                applyRows.set(i, row);
                return;
            }
        }
        applyRows.add(row);
    }

    private void finishApply(NetworkBackend.Applied result) {
        rack.set(result.rack());
        backend.saveRack(result.rack());
        long failed = result.pis().stream().filter(p -> p.stage() == ApplyStage.FAILED).count();
        applyState.set(failed == 0 ? ApplyState.DONE : ApplyState.FAILED);
        applyMessage.set(result.fileOutcome() + "; " + (result.pis().size() - failed) + " of " + result.pis().size()
                + " Pis at their fixed addresses" + (failed == 0 ? "." : ": see the Pis marked failed."));
        diff.clear();
        refreshPis();
    }

    private void failApply(String text) {
        applyState.set(ApplyState.FAILED);
        applyMessage.set(text);
    }
}
