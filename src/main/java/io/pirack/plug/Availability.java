package io.pirack.plug;

/** Whether a strategy can work for a Pi, and if not, what the presenter has to configure. */
public record Availability(boolean available, String reason) {

    public static final Availability AVAILABLE = new Availability(true, "");

    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
