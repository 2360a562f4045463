package io.pirack.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.ObjectName;

/** Heap in use after full collections, the figure that says whether the app leaks. */
final class Memory {

    private Memory() {
    }

    /** Requests for a full collection before a reading gives up waiting for one that really ran. */
    static final int MAX_GC_REQUESTS = 50;

    /**
     * Heap used after three full collections that really ran. Several rounds: one System.gc() may leave
     * finalizable or soft-referenced objects behind. And a request can be dropped: while a thread is in a
     * JNI critical section (the software renderer holds one while it paints) the serial collector skips
     * System.gc() without a word, and the reading then counted garbage (issue 20: "107.7 MB after the
     * feed"). So the full collections are counted, and asked for again until three ran; NaN if they never
     * did.
     */
    static double heapAfterGcMb() {
        long before = fullCollections();
        for (int i = 0; i < MAX_GC_REQUESTS && fullCollections() - before < 3; i++) {
            System.gc();
            if (fullCollections() - before < Math.min(3, i + 1)) {
                pause();
            }
        }
        if (fullCollections() - before < 3) {
            return Double.NaN;
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return Samples.round(used / (1024.0 * 1024.0));
    }

    /** Full (old-generation) collections so far, of whichever collector this JVM runs. */
    static long fullCollections() {
        long count = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String name = gc.getName();
            if (name.contains("MarkSweep") || name.contains("Old") || name.startsWith("ZGC") || name.startsWith("Shenandoah")) {
                count += Math.max(0, gc.getCollectionCount());
            }
        }
        return count;
    }

    /**
     * A benchmark's wait, not a synchronisation: a System.gc() the GC locker dropped can only succeed once the
     * renderer has left its critical section, and nothing tells when that is; 20 ms is about one paint.
     */
    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Live bytes per class (a full GC first), from the JVM's GC.class_histogram; empty if unavailable.
     * The JVM skips that full GC while a JNI critical section is held ("GC locker is held; pre-dump GC was
     * skipped") and then counts dead objects too; the histogram is taken again until its GC ran.
     */
    static Map<String, Long> classHistogram() {
        Map<String, Long> bytes = new HashMap<>();
        try {
            String text = "";
            for (int i = 0; i < MAX_GC_REQUESTS; i++) {
                long before = fullCollections();
                text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                        new Object[] {null}, new String[] {String[].class.getName()});
                if (fullCollections() > before) {
                    break;
                }
                pause();
            }
            for (String line : text.split("\n")) {
                String[] f = line.trim().split("\\s+");
                // "  1:   12345   678900  java.lang.String (java.base@17)"
                if (f.length >= 4 && f[0].endsWith(":")) {
                    bytes.merge(f[3], Long.parseLong(f[2]), Long::sum);
                }
            }
        } catch (javax.management.JMException | RuntimeException e) {
            return Map.of();
        }
        return bytes;
    }

    /** The classes whose live bytes grew most between two histograms, in KB. */
    static Map<String, Long> topGrowth(Map<String, Long> before, Map<String, Long> after, int limit) {
        Map<String, Long> top = new LinkedHashMap<>();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .limit(limit)
                .forEach(e -> top.put(e.getKey(), e.getValue() / 1024));
        return top;
    }

    /** Growth in KB of the live bytes of classes whose name starts with {@code prefix} (shallow sizes). */
    static long growthKb(Map<String, Long> before, Map<String, Long> after, String prefix) {
        long grown = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                grown += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
        }
        for (Map.Entry<String, Long> e : before.entrySet()) {
            if (e.getKey().startsWith(prefix) && !after.containsKey(e.getKey())) {
                grown -= e.getValue();
            }
        }
        return grown / 1024;
    }
}
