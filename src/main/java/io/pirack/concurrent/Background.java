package io.pirack.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for blocking work (SSH, kube writes, file I/O, process launches) and timers: always named
 * (so a thread dump says who is busy) and daemon (so a forgotten one never keeps the app alive).
 * Usable from every layer except core, which starts no threads.
 */
public final class Background {

    private Background() {
    }

    /** Named daemon threads: {@code name} for the first, {@code name-2}, {@code name-3}… after it. */
    public static ThreadFactory daemon(String name) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            int n = counter.incrementAndGet();
            Thread t = new Thread(r, n == 1 ? name : name + "-" + n);
            t.setDaemon(true);
            return t;
        };
    }

    /** A fixed pool of named daemon threads ({@code name-1}, {@code name-2}…). */
    public static ExecutorService newPool(String name, int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory numbered = r -> daemon(name + "-" + counter.incrementAndGet()).newThread(r);
        return Executors.newFixedThreadPool(threads, numbered);
    }

    /** One named daemon thread running timers in order. */
    public static ScheduledExecutorService timer(String name) {
        return Executors.newSingleThreadScheduledExecutor(daemon(name));
    }
}
