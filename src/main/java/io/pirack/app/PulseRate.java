package io.pirack.app;

import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * How often JavaFX may pulse (CSS, layout and, when something changed, a render), decided before the toolkit
 * starts (issue 20).
 *
 * <p>On Linux, GTK's glass has no display-synchronised timer: Quantum pulses on a plain timer every
 * 1000 / {@code javafx.animation.pulse} ms (60 Hz by default). A frame that reaches the FX thread just after a
 * pulse waits up to a whole period for the next one: measured from outside, 16 ms of the 4-Pi write → pixel p95
 * was that wait. At 120 Hz it is half. What it does not cost: Quantum posts a pulse only when something is animating
 * or asked for one, so a quiet rack pulses as often at 120 Hz as at 60 (the same 120 pulses, 60 of them rendered,
 * in an idle minute, both rates measured, docs/benchmarks.md "Session 10"); GTK's timer itself never stops, though
 * (Quantum's pause is a no-op there): {@link #pauseWhenIdle} replaces it with one that does; and
 * {@code javafx.animation.framerate=60} keeps every {@code Timeline} stepping 60 times a second, so a running
 * animation renders no more often than before, only its empty pulses double. What it does cost: the start, a few
 * seconds of frames arriving one after another, renders more of them one by one (all Pis live 0.2–0.37 s later from
 * the class path, same docs section); the rate is read once, so it cannot be raised only after the live frame.
 *
 * <p>Not on macOS or Windows: there the pulse follows the display's own refresh. Never over the user's own settings.
 */
final class PulseRate {

    static final String PULSE = "javafx.animation.pulse";
    static final String FRAMERATE = "javafx.animation.framerate";
    static final int LINUX_PULSE_HZ = 120;
    static final int ANIMATION_FRAMERATE = 60;

    private PulseRate() {
    }

    /**
     * The properties to set: both or none.
     *
     * @param osName           the {@code os.name} system property
     * @param userPulse        {@code javafx.animation.pulse} as already set, or null
     * @param userFramerate    {@code javafx.animation.framerate} as already set, or null
     */
    static Map<String, String> properties(String osName, String userPulse, String userFramerate) {
        boolean linux = osName != null && osName.toLowerCase(Locale.ROOT).startsWith("linux");
        if (!linux || userPulse != null || userFramerate != null) {
            return Map.of();
        }
        return Map.of(PULSE, Integer.toString(LINUX_PULSE_HZ), FRAMERATE, Integer.toString(ANIMATION_FRAMERATE));
    }

    /**
     * On Linux, the pulse timer that stops at rest ({@link PausingPulseTimer}) instead of GTK's, which never does.
     * Call on the FX thread once the toolkit runs. Never fails: where JavaFX's internals are out of reach (JavaFX on
     * the module path without pom.xml's {@code --add-exports}, another JavaFX) the class cannot even load, and JavaFX's
     * own timer stays.
     */
    static void pauseWhenIdle() {
        try {
            PausingPulseTimer.installOverGtkTimer();
        } catch (LinkageError unreachable) {
            LoggerFactory.getLogger(PulseRate.class).info("pulse timer: JavaFX's own kept ({})", unreachable.getMessage());
        }
    }

    /** Sets what {@link #properties} says. Call before the JavaFX toolkit starts. */
    static void chooseBeforeToolkitStarts() {
        properties(System.getProperty("os.name"), System.getProperty(PULSE), System.getProperty(FRAMERATE))
                .forEach(System::setProperty);
    }
}
