package io.pirack.core.rack;

/** How "pull the plug" is done for one Pi. Ids are what the CLI's {@code --strategy} accepts. */
public enum PlugMethod {
    SIMULATED_POWER("sim", "Rehearsal rack power switch"),
    STOP_AGENT("stop-agent", "Stop the node agent over SSH"),
    API_PARTITION("api-partition", "Cut the node off the API server over SSH"),
    USB_POWER("usb-power", "USB hub port power (uhubctl)"),
    TURING_PI("turing-pi", "Turing Pi 2 BMC power");

    private final String id;
    private final String label;

    PlugMethod(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static java.util.Optional<PlugMethod> byId(String id) {
        for (PlugMethod m : values()) {
            if (m.id.equals(id)) {
                return java.util.Optional.of(m);
            }
        }
        return java.util.Optional.empty();
    }
}
