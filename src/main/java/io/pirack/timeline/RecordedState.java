package io.pirack.timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The latest recorded version of every object, for the checkpoint at the top of a rotated file. */
final class RecordedState {

    private final Map<String, RecordedEntry> nodes = new LinkedHashMap<>();
    private final Map<String, RecordedEntry> pods = new LinkedHashMap<>();
    private final Map<String, RecordedEntry> leases = new LinkedHashMap<>();
    private RecordedEntry api;
    private RecordedEntry tuning;

    void apply(RecordedEntry entry) {
        switch (entry.type()) {
            case NODE -> remember(nodes, entry.nodeAfter() == null ? entry.nodeBefore().name() : entry.nodeAfter().name(),
                    entry.nodeAfter() == null ? null : RecordedEntry.node(0, entry.at(), null, entry.nodeAfter()));
            case POD -> remember(pods, entry.podAfter() == null ? entry.podBefore().uid() : entry.podAfter().uid(),
                    entry.podAfter() == null ? null : RecordedEntry.pod(0, entry.at(), null, entry.podAfter()));
            case LEASE -> remember(leases,
                    entry.leaseAfter() == null ? entry.leaseBefore().nodeName() : entry.leaseAfter().nodeName(),
                    entry.leaseAfter() == null ? null : RecordedEntry.lease(0, entry.at(), null, entry.leaseAfter()));
            case API -> api = entry;
            case TUNING -> tuning = entry;
            default -> {
                // Events, plug actions and link changes are moments, not state.
            }
        }
    }

    private static void remember(Map<String, RecordedEntry> map, String key, RecordedEntry latest) {
        if (latest == null) {
            map.remove(key);
        } else {
            map.put(key, latest);
        }
    }

    /** As adds, in the order a fresh informer would list them: tuning, API status, nodes, leases, pods. */
    List<RecordedEntry> checkpoint() {
        List<RecordedEntry> entries = new ArrayList<>();
        if (tuning != null) {
            entries.add(tuning);
        }
        if (api != null) {
            entries.add(api);
        }
        entries.addAll(nodes.values());
        entries.addAll(leases.values());
        entries.addAll(pods.values());
        List<RecordedEntry> marked = new ArrayList<>();
        for (RecordedEntry entry : entries) {
            marked.add(entry.asCheckpoint(0));
        }
        return marked;
    }
}
