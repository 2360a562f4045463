package io.pirack.bench;

import java.lang.management.ManagementFactory;

/** Heap in use after full collections, the figure that says whether the app leaks. */
final class Memory {

    private Memory() {
    }

    static double heapAfterGcMb() {
        // Several rounds: one System.gc() may leave finalizable or soft-referenced objects behind.
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return Samples.round(used / (1024.0 * 1024.0));
    }
}
