package io.pirack.core.net;

import io.pirack.core.preflight.CheckStatus;
import io.pirack.core.preflight.PreflightInputs.NetworkResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One run of the network doctor, as the Network screen, {@code pirack doctor} and the preflight all
 * see it: which host and flavour it ran on, when, and every check with its evidence and fix. Saved in
 * the settings folder so the preflight can use it until it is stale.
 *
 * @param host        the host flavour's label ("Linux · NetworkManager shared · 10.42.0.0/24")
 * @param fingerprint the host's addresses when it ran ({@link HostFlavour#fingerprint}); another value means the network changed
 * @param live        true when it checked this machine now (false: a captured folder)
 */
public record DoctorReport(String host, String fingerprint, Instant at, boolean live, List<CheckResult> checks) {

    /** How long a result stands in for a new run, when the network has not changed meanwhile. */
    public static final Duration FRESH_FOR = Duration.ofMinutes(10);
    /** The word every check carries on the rehearsal rack. */
    public static final String NOT_NEEDED = "not needed for the rehearsal rack";

    public DoctorReport {
        checks = List.copyOf(checks);
    }

    public boolean failed() {
        return checks.stream().anyMatch(c -> c.status() == CheckStatus.FAIL);
    }

    public long count(CheckStatus status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    /** Empty while this result may stand in for a new run; otherwise why not, as a phrase. */
    public Optional<String> staleBecause(Instant now, String currentFingerprint) {
        if (!live) {
            return Optional.of("it checked a captured folder, not this computer");
        }
        if (!fingerprint.equals(currentFingerprint)) {
            return Optional.of("the network changed since it ran");
        }
        Duration age = Duration.between(at, now);
        if (age.compareTo(FRESH_FOR) > 0 || age.isNegative()) {
            return Optional.of("it ran " + age.toMinutes() + " min ago (results count for " + FRESH_FOR.toMinutes() + " min)");
        }
        return Optional.empty();
    }

    /** "ran 3 min ago" / "ran just now". */
    public String age(Instant now) {
        long minutes = Duration.between(at, now).toMinutes();
        return minutes < 1 ? "ran just now" : "ran " + minutes + " min ago";
    }

    /** The findings the preflight judges (skipped checks left out). */
    public List<NetworkResult> forPreflight() {
        return checks.stream().filter(c -> c.status() != CheckStatus.SKIP)
                .map(c -> new NetworkResult(c.id(), c.status(), c.message(), c.fix())).toList();
    }

    /**
     * On the rehearsal rack the booth network does not exist: every check becomes "not needed", with
     * what it would have said about this computer kept as evidence.
     */
    public DoctorReport notNeededForRehearsal() {
        List<CheckResult> skipped = checks.stream().map(c -> new CheckResult(c.id(), CheckStatus.SKIP, NOT_NEEDED,
                List.of("on this computer: " + c.status() + " " + c.message()), "", "")).toList();
        return new DoctorReport(host, fingerprint, at, live, skipped);
    }

    /**
     * What {@code pirack doctor} prints, the way {@code brew doctor} does: the host first, one line per
     * check, the fix indented under each WARN and FAIL, and a last line saying what to do.
     */
    public String text() {
        StringBuilder out = new StringBuilder("This computer: ").append(host).append('\n');
        for (CheckResult check : checks) {
            out.append(check.line()).append('\n');
            boolean attention = check.status() == CheckStatus.WARN || check.status() == CheckStatus.FAIL;
            if (attention) {
                String fix = check.fix().isEmpty() ? "no automatic fix: see the evidence with pirack doctor --json" : check.fix();
                out.append("     fix: ").append(fix).append('\n');
            }
        }
        long fails = count(CheckStatus.FAIL);
        long warns = count(CheckStatus.WARN);
        if (fails + warns == 0) {
            out.append("Your booth network is ready.\n");
        } else {
            out.append(fails).append(fails == 1 ? " failure, " : " failures, ").append(warns).append(warns == 1 ? " warning" : " warnings")
                    .append(": work down the fixes above, then run pirack doctor again.\n");
        }
        return out.toString();
    }
}
