package io.pirack.app;

import com.sun.glass.ui.Timer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * and sleeps as soon as a tick finds nothing wanted: no animation running, no pulse requested, none running (Quantum's
 * own three flags, read after the tick). Quantum would pause only after 250 ms of idle ticks, a grace its
 * display-link timers need and this one does not. Everything that wants a pulse sets one of those flags through
 * {@code resumeTimer}, which wakes this timer; the first tick after a wake is immediate, so the first change after a
 * quiet spell does not wait for a period boundary either.
 *
 * <p>Quantum's own pause is ignored, and so is its {@code pauseRequested} flag: both are also set from the render
 * thread (after each render, {@code vsyncHint} runs Quantum's tick there), where a pulse requested a moment later can
 * leave them saying "idle" with a request pending — a sleeping timer would then freeze the screen for good, because a
 * dirty scene does not ask again. As a last guard the sleep has a deadline ({@link #SAFETY_TICK}): at rest that is
 * one extra tick a second at most (the heartbeat frame comes every second anyway).
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
    /** The longest sleep: a tick at least this often, whatever happens (see the class comment). */
    static final long SAFETY_TICK = 1_000_000_000L;
    /** {@link #SAFETY_TICK}, or longer in tests, so that a lost wake-up shows instead of being mended within a second. */
    private final long safetyTickNanos;
    /** Counts {@code resume} calls: a tick parks only if none came since it began, so no resume is ever lost. */
    private final AtomicLong resumes = new AtomicLong();
    /** Set while asleep between ticks: only then does a resume unpark (it comes on every pulse request). */
    private volatile boolean asleep;
    private volatile boolean running;
    private volatile Thread thread;
    private final AtomicLong ticks = new AtomicLong();
    private Timer replaced;
    private int period;

    /**
     * @param tick        Quantum's timer runnable (posts a pulse when one is wanted; thread-safe)
     * @param quantumIdle true while nothing is animating, no pulse is requested and none is running
     * @param safetyTickNanos the longest sleep ({@link #SAFETY_TICK} in the app)
     */
    PausingPulseTimer(Runnable tick, BooleanSupplier quantumIdle, long safetyTickNanos) {
        super(tick);
        this.tick = tick;
        this.quantumIdle = quantumIdle;
        this.safetyTickNanos = safetyTickNanos;
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
        return install(GTK_TIMER::equals, SAFETY_TICK);
    }

    /**
     * Puts this timer in place of the toolkit's if {@code replaceable} accepts the current timer's class name (tests
     * under Monocle accept Monocle's), sleeping at most {@code safetyTickNanos} at a time. Call on the FX thread.
     */
    static Optional<PausingPulseTimer> install(java.util.function.Predicate<String> replaceable, long safetyTickNanos) {
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
            PausingPulseTimer timer = new PausingPulseTimer(tick, quantumIdle(toolkit, quantum), safetyTickNanos);
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
     * Quantum's "nothing wanted" as its tick decides it ({@code postPulse}): no animation running, no pulse requested,
     * none running. {@code animationRunning} and {@code nextPulseRequested} are Quantum's {@code PulseTask}s (a volatile
     * {@code isRunning}), {@code pulseRunning} an {@link AtomicBoolean}.
     */
    private static BooleanSupplier quantumIdle(Object toolkit, MethodHandles.Lookup quantum)
            throws ReflectiveOperationException {
        Class<?> quantumClass = toolkit.getClass();
        Class<?> pulseTask = Class.forName(QUANTUM + "$PulseTask");
        VarHandle isRunning = MethodHandles.privateLookupIn(pulseTask, MethodHandles.lookup())
                .findVarHandle(pulseTask, "isRunning", boolean.class);
        Object animationRunning = quantum.findVarHandle(quantumClass, "animationRunning", pulseTask).get(toolkit);
        Object nextPulseRequested = quantum.findVarHandle(quantumClass, "nextPulseRequested", pulseTask).get(toolkit);
        AtomicBoolean pulseRunning = (AtomicBoolean)
                quantum.findVarHandle(quantumClass, "pulseRunning", AtomicBoolean.class).get(toolkit);
        return () -> !(boolean) isRunning.getVolatile(animationRunning)
                && !(boolean) isRunning.getVolatile(nextPulseRequested)
                && !pulseRunning.get();
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

    /** True while the timer sleeps until something wants a pulse (or its safety tick). */
    boolean isAsleep() {
        return asleep;
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
        // Ignored: this timer sleeps by itself when a tick finds nothing wanted (see the class comment for why
        // Quantum's pause, which may come from the render thread, is not to be trusted here).
    }

    @Override
    protected void _resume(long handle) {
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
            } catch (RuntimeException | Error e) {
                LOG.warn("pulse timer tick failed", e); // Quantum catches its own; a dead timer is a frozen screen
            }
            if (quantumIdle.getAsBoolean()) {
                asleep = true;
                long wakeAt = System.nanoTime() + safetyTickNanos;
                long left;
                while (running && resumes.get() == resumesBefore && (left = wakeAt - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(this, left);
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
