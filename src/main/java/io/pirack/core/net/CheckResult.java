package io.pirack.core.net;

import io.pirack.core.preflight.CheckStatus;
import java.util.List;

/**
 * One doctor check's verdict.
 *
 * @param id       stable id, e.g. {@code internet-sharing} or {@code pi-address:rpi2}
 * @param evidence the lines of captured output that led to the verdict
 * @param fix      what the presenter should do ("" when nothing)
 * @param actionId what PiRack can do about it at a click, e.g. {@code open-sharing-pane},
 *                 {@code write-bootptab}, {@code release-rebind:rpi2} ("" when nothing)
 */
public record CheckResult(String id, CheckStatus status, String message, List<String> evidence, String fix, String actionId) {

    public static final String OPEN_SHARING_PANE = "open-sharing-pane";
    public static final String WRITE_BOOTPTAB = "write-bootptab";
    public static final String WRITE_DHCP_HOSTS = "write-dhcp-hosts";
    public static final String RELEASE_REBIND = "release-rebind:";
    public static final String ASSIGN_ADDRESSES = "assign-addresses";
    public static final String USE_HOST_SUBNET = "use-host-subnet";

    public CheckResult {
        evidence = List.copyOf(evidence);
    }

    public static CheckResult pass(String id, String message, List<String> evidence) {
        return new CheckResult(id, CheckStatus.PASS, message, evidence, "", "");
    }

    public static CheckResult skip(String id, String reason) {
        return new CheckResult(id, CheckStatus.SKIP, reason, List.of(), "", "");
    }

    public static CheckResult warn(String id, String message, List<String> evidence, String fix, String actionId) {
        return new CheckResult(id, CheckStatus.WARN, message, evidence, fix, actionId);
    }

    public static CheckResult fail(String id, String message, List<String> evidence, String fix, String actionId) {
        return new CheckResult(id, CheckStatus.FAIL, message, evidence, fix, actionId);
    }

    /** {@code PASS|WARN|FAIL|SKIP <id> <message>}, as {@code pirack doctor} prints it. */
    public String line() {
        return status + " " + id + " " + message;
    }
}
