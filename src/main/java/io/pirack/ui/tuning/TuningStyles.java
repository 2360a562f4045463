package io.pirack.ui.tuning;

import javafx.css.PseudoClass;

/** Ids, style classes and pseudo-classes of the Tuning screen, shared by the view, tuning.css and TestFX. */
public final class TuningStyles {

    public static final String STYLESHEET = "/io/pirack/ui/tuning/tuning.css";

    public static final String SCREEN = "tuning-screen";
    public static final String SECTION = "tuning-section";
    public static final String SECTION_TITLE = "tuning-section-title";
    public static final String SETTING_VALUE = "tuning-setting-value";
    public static final String SETTING_SOURCE = "tuning-setting-source";
    public static final String WARNING = "tuning-warning";
    public static final String PREDICTION = "tuning-prediction";
    public static final String CELL = "tuning-image-cell";
    public static final String CHECK_ITEM = "tuning-check-item";
    public static final String READY_BANNER = "tuning-ready-banner";
    public static final String PENDING = "tuning-pending";
    public static final String MUTED = "tuning-muted";

    public static final String ID_CLUSTER = "tuning-cluster";
    public static final String ID_SETTINGS = "tuning-settings";
    public static final String ID_PREDICTION = "tuning-prediction";
    public static final String ID_MEASURED = "tuning-measured";
    public static final String ID_TOLERATION_SECONDS = "tuning-toleration-seconds";
    public static final String ID_TOLERATION_PREVIEW = "tuning-toleration-preview";
    public static final String ID_TOLERATION_REVERT = "tuning-toleration-revert";
    public static final String ID_API_PREVIEW = "tuning-api-preview";
    public static final String ID_GRACE_PREVIEW = "tuning-grace-preview";
    public static final String ID_CONTROL_PLANE_REVERT = "tuning-control-plane-revert";
    public static final String ID_FIND_BACKUPS = "tuning-find-backups";
    public static final String ID_REAL_ONLY = "tuning-real-only";
    public static final String ID_PENDING = "tuning-pending";
    public static final String ID_DIFF = "tuning-diff";
    public static final String ID_APPLY = "tuning-apply";
    public static final String ID_CANCEL = "tuning-cancel";
    public static final String ID_HISTORY = "tuning-history";
    public static final String ID_IMAGES = "tuning-images";
    public static final String ID_PREPULL = "tuning-prepull";
    public static final String ID_CLEANUP = "tuning-cleanup";
    public static final String ID_PREFLIGHT_CHECK = "tuning-preflight-check";
    public static final String ID_READY_BANNER = "tuning-ready-banner";
    public static final String ID_STATUS = "tuning-status";

    public static final PseudoClass FATAL = PseudoClass.getPseudoClass("fatal");
    public static final PseudoClass WARN = PseudoClass.getPseudoClass("warn");
    public static final PseudoClass INFO = PseudoClass.getPseudoClass("info");
    public static final PseudoClass PASS = PseudoClass.getPseudoClass("pass");
    public static final PseudoClass FAIL = PseudoClass.getPseudoClass("fail");
    public static final PseudoClass READY = PseudoClass.getPseudoClass("ready");

    private TuningStyles() {
    }
}
