package io.pirack.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.ObjectName;

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

    /** Live bytes per class (a full GC first), from the JVM's GC.class_histogram; empty if unavailable. */
    static Map<String, Long> classHistogram() {
        Map<String, Long> bytes = new HashMap<>();
        try {
            String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
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
