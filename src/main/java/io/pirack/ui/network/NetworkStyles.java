package io.pirack.ui.network;

import io.pirack.core.net.ApplyStage;
import io.pirack.core.preflight.CheckStatus;
import javafx.css.PseudoClass;

/** Style classes, ids and pseudo-classes of the Network screen, shared by code, network.css and TestFX lookups. */
public final class NetworkStyles {

    public static final String STYLESHEET = "/io/pirack/ui/network/network.css";

    public static final String SCREEN = "network-screen";
    public static final String SECTION_TITLE = "section-title";
    public static final String CHECK_ROW = "check-row";
    public static final String CHECK_STATUS = "check-status";
    public static final String CHECK_MESSAGE = "check-message";
    public static final String CHECK_EVIDENCE = "check-evidence";
    public static final String CHECK_FIX = "check-fix";
    public static final String CHECK_ACTION = "check-action";
    public static final String PI_ROW = "pi-row";
    public static final String IDENTIFY = "identify";
    public static final String DIFF = "diff";
    public static final String DIFF_LINE = "diff-line";
    public static final String APPLY_ROW = "apply-row";
    public static final String NOTICE = "notice";
    public static final String HOST = "network-host";

    public static final String RERUN_ID = "network-rerun";
    public static final String APPLY_ID = "network-apply";
    public static final String CONFIRM_ID = "network-confirm";
    public static final String CANCEL_ID = "network-cancel";
    public static final String APPLY_MESSAGE_ID = "network-apply-message";
    public static final String PROGRESS_TEXT_ID = "network-progress-text";
    public static final String HOST_ID = "network-host";
    public static final String LAST_RUN_ID = "network-last-run";
    public static final String REHEARSAL_ID = "network-rehearsal";
    public static final String MESSAGE_ID = "network-message";
    public static final String NO_PIS_ID = "network-no-pis";
    public static final String SCAN_ID = "network-scan";

    public static final PseudoClass PASS = PseudoClass.getPseudoClass("pass");
    public static final PseudoClass WARN = PseudoClass.getPseudoClass("warn");
    public static final PseudoClass FAIL = PseudoClass.getPseudoClass("fail");
    public static final PseudoClass SKIP = PseudoClass.getPseudoClass("skip");
    public static final PseudoClass ADDED = PseudoClass.getPseudoClass("added");
    public static final PseudoClass REMOVED = PseudoClass.getPseudoClass("removed");
    public static final PseudoClass BLINKING = PseudoClass.getPseudoClass("blinking");

    private NetworkStyles() {
    }

    public static PseudoClass of(CheckStatus status) {
        switch (status) {
            case PASS:
                return PASS;
            case WARN:
                return WARN;
            case FAIL:
                return FAIL;
            default:
                return SKIP;
        }
    }

    /** Icon and word together, so a verdict never depends on colour alone. */
    public static String badge(CheckStatus status) {
        switch (status) {
            case PASS:
                return "\u2714 PASS";
            case WARN:
                return "\u26A0 WARN";
            case FAIL:
                return "\u2716 FAIL";
            default:
                return "\u2013 SKIP";
        }
    }

    /** Icon and word per stage, as for the checks. */
    public static String badge(ApplyStage stage) {
        switch (stage) {
            case ALREADY_THERE:
            case AT_NEW_ADDRESS:
                return "\u2714 DONE";
            case REBINDING:
                return "\u21BB REBIND";
            case WAITING:
                return "\u2026 WAIT";
            default:
                return "\u2716 FAILED";
        }
    }
}
