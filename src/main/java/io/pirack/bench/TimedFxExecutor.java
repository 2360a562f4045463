package io.pirack.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Runs tasks on the FX thread and records how long each one held it (the work per delivered
 * frame), and sums that — plus any pulse time reported to {@link #pulse} — per 60 Hz window:
 * what one pulse has to absorb.
 */
final class TimedFxExecutor implements Executor {

    private final Executor fx;
    private volatile Samples work = new Samples();
    /** CPU time the FX thread spent on each task: work without the time another thread held the core. */
    private volatile Samples workCpu = new Samples();
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private volatile Samples pulses = new Samples();
    private volatile Samples pulsesCpu = new Samples();
    /** FX CPU time per 16.7 ms window (window index → ns). */
    private final Map<Long, Long> cpuPerWindow = new HashMap<>();
    /** FX busy time per 16.7 ms window (window index → ns). */
    private final Map<Long, Long> busyPerWindow = new HashMap<>();

    TimedFxExecutor(Executor fx) {
        this.fx = fx;
    }

    /** Forgets everything measured so far (the seeding frame, the first layout). */
    void restart() {
        work = new Samples();
        workCpu = new Samples();
        pulses = new Samples();
        pulsesCpu = new Samples();
        synchronized (busyPerWindow) {
            busyPerWindow.clear();
            cpuPerWindow.clear();
        }
    }

    Samples work() {
        return work;
    }

    Samples workCpu() {
        return workCpu;
    }

    /** CPU time of the calling thread, ns. */
    static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** The pulses' CSS + layout times reported since the last restart. */
    Samples pulses() {
        return pulses;
    }

    Samples pulsesCpu() {
        return pulsesCpu;
    }

    /** Busy time of every 60 Hz window that had any FX work from us or a pulse. */
    Samples busyPerPulseWindow() {
        return perWindow(busyPerWindow);
    }

    /** The same in FX-thread CPU time. */
    Samples cpuPerPulseWindow() {
        return perWindow(cpuPerWindow);
    }

    private Samples perWindow(Map<Long, Long> windowTotals) {
        Samples windows = new Samples();
        synchronized (busyPerWindow) {
            windowTotals.values().forEach(windows::add);
        }
        return windows;
    }

    /** A pulse spent {@code took} ns ({@code cpu} ns of CPU) on CSS and layout of the view's scene. */
    void pulse(long start, long took, long cpu) {
        pulses.add(took);
        pulsesCpu.add(cpu);
        addBusy(start, took, cpu);
    }

    private void addBusy(long start, long took, long cpu) {
        synchronized (busyPerWindow) {
            busyPerWindow.merge(start / ScaleBench.FRAME_NANOS, took, Long::sum);
            cpuPerWindow.merge(start / ScaleBench.FRAME_NANOS, cpu, Long::sum);
        }
    }

    @Override
    public void execute(Runnable task) {
        fx.execute(() -> {
            long start = System.nanoTime();
            long startCpu = cpuNanos();
            try {
                task.run();
            } finally {
                long took = System.nanoTime() - start;
                long cpu = cpuNanos() - startCpu;
                work.add(took);
                workCpu.add(cpu);
                addBusy(start, took, cpu);
            }
        });
    }
}
