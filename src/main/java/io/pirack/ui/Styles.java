package io.pirack.ui;

import javafx.css.PseudoClass;

/**
 * Style-class and pseudo-class names shared by CSS, code and TestFX lookups, so the three agree.
 * Colours live in {@code pirack.css} as named tokens ({@code -pirack-led-ok}, …).
 */
public final class Styles {

    public static final String STYLESHEET = "/io/pirack/ui/pirack.css";

    public static final String NAV_BUTTON = "nav-button";
    public static final String STATUS_BAR = "status-bar";
    public static final String API_STATE = "api-state";
    public static final String BANNER = "banner";
    public static final String PLACEHOLDER = "placeholder";
    public static final String NODE_TABLE = "node-table";
    public static final String POD_TABLE = "pod-table";

    public static final String LED = "led";
    public static final String LINK_LED = "link-led";
    public static final String HEARTBEAT_LED = "heartbeat-led";
    public static final String NODE_STATE = "node-state";
    public static final String POD_LED = "pod-led";
    public static final String PI_LAYER = "pi-layer";
    public static final String RACK_VIEW = "rack-view";
    public static final String RACK_HEADER = "rack-header";
    public static final String RACK_TITLE = "rack-title";
    public static final String LAYER_SHADE = "layer-shade";
    public static final String LED_CAPTION = "led-caption";
    public static final String HOSTNAME = "hostname";
    public static final String LAYER_INFO = "layer-info";
    public static final String PLUG_STATE = "plug-state";
    public static final String PLUG_BUTTON = "plug-button";
    public static final String POD_TILE = "pod-tile";
    public static final String POD_DAEMON = "pod-daemon";
    public static final String POD_CONTROL_PLANE = "pod-control-plane";
    public static final String POD_OVERFLOW = "pod-overflow";
    /** The canvas the compact grid draws a layer's pod tiles on. */
    public static final String POD_CANVAS = "pod-canvas";
    public static final String POD_GHOST = "pod-ghost";
    /** Style class prefix of the twelve app colours: {@code app-colour-0} … {@code app-colour-11}. */
    public static final String APP_COLOUR_PREFIX = "app-colour-";

    public static final PseudoClass READY = PseudoClass.getPseudoClass("ready");
    public static final PseudoClass NOT_READY = PseudoClass.getPseudoClass("not-ready");
    public static final PseudoClass UNREACHABLE = PseudoClass.getPseudoClass("unreachable");
    public static final PseudoClass UNKNOWN = PseudoClass.getPseudoClass("unknown");
    public static final PseudoClass UNPLUGGED = PseudoClass.getPseudoClass("unplugged");
    public static final PseudoClass TERMINATING = PseudoClass.getPseudoClass("terminating");
    public static final PseudoClass PENDING = PseudoClass.getPseudoClass("pending");
    public static final PseudoClass STARTING = PseudoClass.getPseudoClass("starting");
    public static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    public static final PseudoClass SUCCEEDED = PseudoClass.getPseudoClass("succeeded");
    public static final PseudoClass ON = PseudoClass.getPseudoClass("on");
    public static final PseudoClass CORDONED = PseudoClass.getPseudoClass("cordoned");
    public static final PseudoClass TAINTED = PseudoClass.getPseudoClass("tainted");
    public static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    public static final PseudoClass STOPPED = PseudoClass.getPseudoClass("stopped");
    public static final PseudoClass COMPACT = PseudoClass.getPseudoClass("compact");
    public static final PseudoClass DRAG_TARGET = PseudoClass.getPseudoClass("drag-target");
    public static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private Styles() {
    }
}
