package io.pirack.app;

import com.sun.glass.ui.Timer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JavaFX's pulse timer on Linux, replaced by one that really stops while nothing needs a pulse (issue 20: CPU at
 * rest).
 *
 * <p>Quantum (JavaFX's toolkit) asks its pulse timer to pause when nothing is animating and nothing asked for a
 * pulse, and to resume when something does ({@code QuantumToolkit.pauseTimer/resumeTimer}). On macOS and Windows the
 * timer obeys. On Linux GTK's timer ({@code com.sun.glass.ui.gtk.GtkTimer}, JavaFX 21) ignores both: it keeps
 * waking the FX thread at the pulse rate, 120 times a second at the app's rate ({@link PulseRate}), with a rack
 * where nothing moves. On this project's test machine that was ~7,800 of the app's ~10,700 wake-ups in an idle
 * minute and 1.1 of its 2.5 % of a core (docs/benchmarks.md, "Session 11").
 *
 * <p>This timer is a plain Java thread that calls Quantum's own tick (the same runnable GTK's timer called, which
 * only posts a pulse to the FX thread, as it does from the timer threads of macOS and Windows) once per period,
 * and parks with no deadline:
 * <ul>
 *   <li>as soon as a tick finds Quantum idle (its {@code pauseRequested} flag set by that tick) — Quantum itself
 *       would pause only after 250 ms of idle ticks, a grace its display-link timers need and this one does not;</li>
 *   <li>or when Quantum pauses it (if that flag cannot be read).</li>
 * </ul>
 * Everything that wants a pulse goes through {@code resumeTimer}, which resumes it; the first tick after a resume is
 * immediate, so the first change after a quiet spell does not wait for a period boundary either.
 *
 * <p>It reaches into JavaFX internals (a private field of {@code QuantumToolkit}, glass's {@link Timer}): it is
 * installed only over GTK's timer, on the FX thread, and anything unexpected (another JavaFX version, JavaFX on the
 * module path without access) leaves JavaFX's own timer in place with one log line. Checked against JavaFX 21.0.11.
 */
final class PausingPulseTimer extends Timer {

    private static final Logger LOG = LoggerFactory.getLogger(PausingPulseTimer.class);
    private static final String GTK_TIMER = "com.sun.glass.ui.gtk.GtkTimer";
    private static final String QUANTUM = "com.sun.javafx.tk.quantum.QuantumToolkit";
    /** {@code -Dpirack.pulseTimer=javafx} keeps JavaFX's own timer: for A/B measurement, and a way out on stage. */
    static final String CHOICE = "pirack.pulseTimer";

    private final Runnable tick;
    private final BooleanSupplier quantumIdle;
    /** Counts {@code resume} calls: a tick parks only if none came since it began, so no resume is ever lost. */
    private final AtomicLong resumes = new AtomicLong();
    private volatile boolean pauseAsked;
    /** Set while parked with no deadline: only then does a resume unpark (it comes on every pulse request). */
    private volatile boolean asleep;
    private volatile boolean running;
    private volatile Thread thread;
    private final AtomicLong ticks = new AtomicLong();
    private Timer replaced;
    private int period;

    /**
     * @param tick        Quantum's timer runnable (posts a pulse when one is wanted; thread-safe)
     * @param quantumIdle true when the tick just run found nothing to pulse; {@code () -> false} to rely on
     *                    Quantum's own pause alone
     */
    PausingPulseTimer(Runnable tick, BooleanSupplier quantumIdle) {
        super(tick);
        this.tick = tick;
        this.quantumIdle = quantumIdle;
    }

    /**
     * Puts this timer in place of GTK's in the running toolkit. Call on the FX thread after the toolkit started.
     *
     * @return the installed timer, or empty when the toolkit's timer is not GTK's or could not be replaced
     */
    static Optional<PausingPulseTimer> installOverGtkTimer() {
        if ("javafx".equals(System.getProperty(CHOICE))) {
            return Optional.empty();
        }
        return install(GTK_TIMER::equals);
    }

    /**
     * Puts this timer in place of the toolkit's if {@code replaceable} accepts the current timer's class name (tests
     * under Monocle accept Monocle's). Call on the FX thread.
     */
    static Optional<PausingPulseTimer> install(java.util.function.Predicate<String> replaceable) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("the pulse timer is replaced on the FX thread");
        }
        try {
            Object toolkit = com.sun.javafx.tk.Toolkit.getToolkit();
            if (!QUANTUM.equals(toolkit.getClass().getName())) {
                return Optional.empty();
            }
            MethodHandles.Lookup quantum = MethodHandles.privateLookupIn(toolkit.getClass(), MethodHandles.lookup());
            VarHandle timerField = quantum.findVarHandle(toolkit.getClass(), "pulseTimer", Timer.class);
            Timer current = (Timer) timerField.get(toolkit);
            if (current == null || !replaceable.test(current.getClass().getName())) {
                return Optional.empty();
            }
            Runnable tick = (Runnable) quantum.findVarHandle(toolkit.getClass(), "timerRunnable", Runnable.class)
                    .get(toolkit);
            int period = (int) quantum.findVarHandle(toolkit.getClass(), "PULSE_INTERVAL", int.class).get(toolkit);
            VarHandle pauseRequested = quantum.findVarHandle(toolkit.getClass(), "pauseRequested", boolean.class);
            PausingPulseTimer timer = new PausingPulseTimer(tick, () -> (boolean) pauseRequested.get(toolkit));
            // Quantum's pause/resume/stop synchronise on the toolkit: swap under the same lock, so none of them
            // reaches the old timer after it stopped. On the FX thread, GTK's timer cannot be mid-tick.
            timer.replaced = current;
            timer.period = period;
            synchronized (toolkit) {
                timer.start(period);
                timerField.set(toolkit, timer);
                current.stop();
            }
            LOG.info("pulse timer: {} replaced by a pausing timer, {} ms", current.getClass().getSimpleName(), period);
            return Optional.of(timer);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.info("pulse timer: JavaFX's own kept ({}: {})", e.getClass().getSimpleName(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Puts back the timer this one replaced (tests: the toolkit outlives them). Call on the FX thread.
     */
    void restore() throws ReflectiveOperationException {
        Object toolkit = com.sun.javafx.tk.Toolkit.getToolkit();
        VarHandle timerField = MethodHandles.privateLookupIn(toolkit.getClass(), MethodHandles.lookup())
                .findVarHandle(toolkit.getClass(), "pulseTimer", Timer.class);
        synchronized (toolkit) {
            replaced.start(period);
            timerField.set(toolkit, replaced);
            stop();
        }
    }

    /** How many ticks ran (tests and diagnostics). */
    long ticks() {
        return ticks.get();
    }

    /** True while the timer thread is parked with no deadline: it will not wake until something wants a pulse. */
    boolean isParkedUntilResumed() {
        Thread t = thread;
        return t != null && t.getState() == Thread.State.WAITING;
    }

    @Override
    protected long _start(Runnable runnable) {
        throw new UnsupportedOperationException("no display-synchronised timer here; start with a period");
    }

    @Override
    protected long _start(Runnable runnable, int period) {
        long periodNanos = period * 1_000_000L;
        running = true;
        Thread t = new Thread(() -> run(periodNanos), "PiRack pulse timer");
        t.setDaemon(true);
        // Like the display-link and multimedia timer threads of the other platforms: a late pulse is a late frame.
        t.setPriority(Thread.MAX_PRIORITY);
        thread = t;
        t.start();
        return t.getId();
    }

    @Override
    protected void _stop(long handle) {
        running = false;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    protected void _pause(long handle) {
        pauseAsked = true; // only ever called from inside a tick, on this timer's thread
    }

    @Override
    protected void _resume(long handle) {
        pauseAsked = false;
        resumes.incrementAndGet();
        Thread t = thread;
        // The timer sets asleep before it reads resumes, this reads asleep after it counted: one of the two sees
        // the other (both volatile), so either the timer does not park or it is woken.
        if (t != null && asleep) {
            LockSupport.unpark(t);
        }
    }

    private void run(long periodNanos) {
        long next = System.nanoTime();
        while (running) {
            long resumesBefore = resumes.get();
            ticks.incrementAndGet();
            try {
                tick.run();
            } catch (RuntimeException e) {
                LOG.warn("pulse timer tick failed", e); // Quantum catches its own; never let the timer die
            }
            if (pauseAsked || quantumIdle.getAsBoolean()) {
                asleep = true;
                while (running && resumes.get() == resumesBefore) {
                    LockSupport.park(this);
                }
                asleep = false;
                next = System.nanoTime(); // first tick after a quiet spell: now
                continue;
            }
            next += periodNanos;
            long now = System.nanoTime();
            if (next - now < 0) {
                next = now; // fell behind (a long tick, a starved core): no burst of catch-up ticks
            }
            while (running && (now = System.nanoTime()) - next < 0) {
                LockSupport.parkNanos(this, next - now);
            }
        }
    }
}
