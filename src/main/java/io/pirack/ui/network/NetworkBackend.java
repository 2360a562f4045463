package io.pirack.ui.network;

import io.pirack.core.net.ApplyStage;
import io.pirack.core.net.ConflictPolicy;
import io.pirack.core.net.DiscoveredPi;
import io.pirack.core.net.DoctorReport;
import io.pirack.core.net.HostSnapshot;
import io.pirack.core.net.LedBlink;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.validate.Ipv4Address;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Network screen needs from the rest of PiRack, in core types only (implemented in
 * {@code app/SessionNetworkBackend}). Every method but {@link #rack()}, {@link #rehearsal()} and
 * {@link #remembered()} blocks: call them off the FX thread. Failures arrive as a
 * {@link NetworkProblem} whose message is one sentence for the presenter.
 */
public interface NetworkBackend {

    /** The rack the session shows (the rehearsal rack, or the saved real one). */
    RackSpec rack();

    /** Persists a changed rack (assignments, planned and applied addresses). */
    void saveRack(RackSpec rack);

    /** True on the rehearsal rack, which runs inside PiRack and needs no booth network. */
    boolean rehearsal();

    /** The last doctor run remembered in the settings folder (from this screen or {@code pirack doctor}). */
    Optional<DoctorReport> remembered();

    /** Captures this host, runs every check, discovers the Pis and remembers the report. */
    Checked check(RackSpec rack) throws NetworkProblem;

    /** The {@code open-sharing-pane} action; the outcome as a sentence. */
    String openSharingPane(HostSnapshot snapshot) throws NetworkProblem;

    /** Blinks the Pi's ACT LED (at {@code address}, as {@code slot}) until {@link #restoreLed}. */
    LedBlink blink(PiSlot slot, String address) throws NetworkProblem;

    void restoreLed(PiSlot slot, String address, LedBlink blink) throws NetworkProblem;

    /**
     * Writes the fixed addresses behind one administrator prompt, reloads the DHCP server, rebinds
     * the Pis that are elsewhere and waits for them.
     */
    Applied apply(HostSnapshot snapshot, RackSpec plan, Map<String, Ipv4Address> currentAddresses, ConflictPolicy policy,
                  ApplyProgress progress) throws NetworkProblem, InterruptedException;

    /** One check run: what was read, the report, and the Pis seen on the booth network. */
    record Checked(HostSnapshot snapshot, DoctorReport report, List<DiscoveredPi> pis) {
        public Checked {
            pis = List.copyOf(pis);
        }
    }

    /** Apply's progress, called on the applying thread. */
    interface ApplyProgress {
        void onPi(String hostname, ApplyStage stage, String message);

        void onStep(String message);
    }

    /** One Pi's end state after Apply. */
    record PiOutcome(String hostname, ApplyStage stage, String message) {}

    /**
     * @param fileOutcome what happened on disk, as a sentence ("Wrote /etc/bootptab (old copy: …)")
     */
    record Applied(RackSpec rack, String fileOutcome, List<PiOutcome> pis) {
        public Applied {
            pis = List.copyOf(pis);
        }
    }

    /** A failure the screen shows as is; {@code cancelled} when the presenter dismissed the administrator prompt. */
    final class NetworkProblem extends Exception {
        private final boolean cancelled;

        public NetworkProblem(String sentence, boolean cancelled) {
            super(sentence);
            this.cancelled = cancelled;
        }

        public NetworkProblem(String sentence) {
            this(sentence, false);
        }

        public boolean cancelled() {
            return cancelled;
        }
    }
}
