package io.pirack.net;

import io.pirack.core.net.ApplyStage;
import io.pirack.probe.TcpProbe;
import io.pirack.core.net.ConflictPolicy;
import io.pirack.core.net.StaticLease;
import io.pirack.core.net.StaticLeasePlan;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.validate.Ipv4Address;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.SshTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * The "Apply" button: write the static leases (one administrator prompt, DHCP server reloaded),
 * make every Pi that is elsewhere release and rebind, wait for each at its new address, and return
 * the rack with the applied addresses. Blocking: run it on the app's background executor.
 */
public final class NetworkApplyService {

    /** Progress for the Network screen; called on the applying thread. */
    public interface Listener {
        void onPi(String hostname, ApplyStage stage, String message);

        default void onStep(String message) {
        }
    }

    /** Waits between probes; tests advance a fake clock instead. */
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;

        /** The real wait: polling a Pi that is still renumbering has nothing to wake up on. */
        static Pause sleeping() {
            return duration -> TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        }
    }

    public record PiOutcome(String hostname, ApplyStage stage, String message) {}

    public record Result(RackSpec rack, StaticLeaseWriter.Outcome written, List<PiOutcome> pis) {
        public Result {
            pis = List.copyOf(pis);
        }
    }

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

    private final StaticLeaseWriter writer;
    private final PiDhcpRebinder rebinder;
    private final TcpProbe probe;
    private final BiFunction<PiSlot, String, SshTarget> targets;
    private final Clock clock;
    private final Pause pause;
    private final Duration waitTimeout;

    /**
     * @param targets     SSH target for a slot at a given address (the rack's user, port and key)
     * @param waitTimeout how long to wait for all Pis at their new addresses
     */
    public NetworkApplyService(StaticLeaseWriter writer, PiDhcpRebinder rebinder, TcpProbe probe,
                               BiFunction<PiSlot, String, SshTarget> targets, Clock clock, Pause pause, Duration waitTimeout) {
        this.writer = writer;
        this.rebinder = rebinder;
        this.probe = probe;
        this.targets = targets;
        this.clock = clock;
        this.pause = pause;
        this.waitTimeout = waitTimeout;
    }

    /**
     * @param currentAddresses where each Pi (by rack hostname) is now, from discovery; Pis absent
     *                         here are only waited for (they pick up the address at their next DHCP)
     * @throws PrivilegeCancelledException the password prompt was cancelled: nothing was applied
     * @throws ApplyException              the plan is invalid or the write failed: see the message
     */
    public Result apply(RackSpec rack, Map<String, Ipv4Address> currentAddresses, ConflictPolicy policy, Listener listener)
            throws ApplyException, PrivilegeCancelledException, InterruptedException {
        StaticLeasePlan.Result plan = StaticLeasePlan.fromRack(rack);
        if (!plan.ok()) {
            throw new ApplyException("nothing was written: " + plan.problems().get(0).message(), plan.problems());
        }
        listener.onStep("Writing " + writer.targetPath());
        StaticLeaseWriter.Outcome written = writer.write(plan.leases(), policy);
        listener.onStep(written.describe());

        Map<String, PiOutcome> outcomes = new LinkedHashMap<>();
        Map<String, StaticLease> waiting = new LinkedHashMap<>();
        for (StaticLease lease : plan.leases()) {
            String host = lease.hostname();
            PiSlot slot = rack.slot(host).orElseThrow();
            Ipv4Address current = currentAddresses.get(host);
            if (lease.ip().equals(current)) {
                record(outcomes, listener, host, ApplyStage.ALREADY_THERE, host + " is already at " + lease.ip());
                continue;
            }
            if (current != null) {
                try {
                    record(outcomes, listener, host, ApplyStage.REBINDING, host + ": release and rebind at " + current);
                    DhcpClientKind kind = rebinder.releaseAndRebind(targets.apply(slot, current.toString()));
                    listener.onPi(host, ApplyStage.REBINDING, host + ": " + kind.label() + " is rebinding");
                } catch (RemoteCommandException e) {
                    record(outcomes, listener, host, ApplyStage.FAILED, prefixed(host, e.getMessage()));
                    continue;
                }
            }
            record(outcomes, listener, host, ApplyStage.WAITING, host + ": waiting for it at " + lease.ip());
            waiting.put(host, lease);
        }
        waitForAll(rack, waiting, outcomes, listener);

        List<PiSlot> slots = new ArrayList<>();
        for (PiSlot slot : rack.slots()) {
            StaticLease lease = plan.leases().stream().filter(l -> l.hostname().equals(slot.hostname())).findFirst().orElse(null);
            slots.add(lease == null ? slot : slot.withMac(lease.mac().canonical()).withIp(lease.ip().toString()));
        }
        return new Result(rack.withSlots(slots), written, List.copyOf(outcomes.values()));
    }

    private void waitForAll(RackSpec rack, Map<String, StaticLease> waiting, Map<String, PiOutcome> outcomes, Listener listener)
            throws InterruptedException {
        Instant deadline = clock.instant().plus(waitTimeout);
        while (!waiting.isEmpty()) {
            for (var it = waiting.entrySet().iterator(); it.hasNext(); ) {
                var pending = it.next();
                PiSlot slot = rack.slot(pending.getKey()).orElseThrow();
                int port = slot.sshPort() > 0 ? slot.sshPort() : 22;
                if (probe.reachable(pending.getValue().ip().toString(), port, PROBE_TIMEOUT)) {
                    record(outcomes, listener, pending.getKey(), ApplyStage.AT_NEW_ADDRESS, pending.getKey() + " answers at "
                            + pending.getValue().ip());
                    it.remove();
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (!clock.instant().isBefore(deadline)) {
                for (var pending : waiting.entrySet()) {
                    record(outcomes, listener, pending.getKey(), ApplyStage.FAILED, pending.getKey() + " did not answer at "
                            + pending.getValue().ip() + " within " + waitTimeout.toSeconds()
                            + " s; check its cable and power, or restart its networking");
                }
                return;
            }
            pause.pause(POLL_INTERVAL);
        }
    }

    private static void record(Map<String, PiOutcome> outcomes, Listener listener, String host, ApplyStage stage, String message) {
        outcomes.put(host, new PiOutcome(host, stage, message));
        listener.onPi(host, stage, message);
    }

    /** The rebinder's messages already name the Pi; others get its name in front, once. */
    static String prefixed(String host, String message) {
        return message != null && message.startsWith(host + ":") ? message : host + ": " + message;
    }
}
