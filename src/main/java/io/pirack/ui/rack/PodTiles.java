package io.pirack.ui.rack;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodJournal;
import io.pirack.core.rack.LedStates.PodLed;
import io.pirack.ui.rack.RackViewModel.Move;
import io.pirack.ui.rack.RackViewModel.PodKind;
import io.pirack.ui.rack.RackViewModel.PodModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pod tiles of every layer, kept up to date from frame to frame, and the rescheduled pods
 * linked into {@link Move}s: a pod that appears on one layer while a pod of the same app went away
 * (or started terminating) on another layer shortly before. One per {@link RackViewModel}.
 */
final class PodTiles {

    private record Gone(PodModel pod, String node, Instant at) {
    }

    /** What the last frame showed of one pod: the object it was mapped from, its tile and its layer (null: unscheduled). */
    private record Mapped(PodInfo info, PodModel model, String node) {
    }

    private static final Comparator<PodModel> TILE_ORDER = Comparator.comparing((PodModel p) -> p.kind().ordinal())
            .thenComparing(PodModel::app).thenComparing(PodModel::name);

    /*
     * Incremental state: at 100 Pis and 3,000 pods a frame usually changes a handful of pods, so
     * only the pods whose object changed are mapped again and only their layers re-sorted. Pod
     * objects in a snapshot are immutable and shared between snapshots, so identity is the test.
     */
    private final Map<String, Mapped> mapped = new HashMap<>();
    private final Map<String, Map<String, PodModel>> podsByLayer = new HashMap<>();
    private final Map<String, List<PodModel>> sortedByLayer = new HashMap<>();
    private Map<String, PodInfo> mappedPods;
    /** Where the store's pod journal stood at the last frame mapped. */
    private PodJournal.Mark mark;
    /** Pods Ready and not terminating, kept up to date with each pod mapped. */
    private int ready;
    private boolean mappedLive;
    private boolean mappedHidden;
    private String podCounts = "";
    /** Old pods already linked to a replacement, while they are still Terminating. */
    private final Set<String> linked = new HashSet<>();
    private final Map<String, Gone> recentlyGone = new LinkedHashMap<>();

    /**
     * Brings the tiles up to date with one snapshot.
     *
     * @return the pods rescheduled in this frame (none while the API is not live)
     */
    List<Move> update(ClusterSnapshot s, Instant now, boolean hideSystemPods) {
        List<Gone> appeared = updatePods(s, now, hideSystemPods);
        return s.api().isLive() ? linkMoves(appeared) : List.of();
    }

    /** The sorted tiles of one layer. */
    List<PodModel> on(String host) {
        return sortedByLayer.getOrDefault(host, List.of());
    }

    /** "N pods (M ready)" of the last snapshot. */
    String counts() {
        return podCounts;
    }

    /**
     * Brings the pod tiles up to date with the snapshot, touching only pods whose object changed
     * (all of them when the API's liveness or the system-pod filter changed), re-sorts the layers
     * they are on, and notes for {@link #linkMoves} which pods arrived and which left.
     *
     * @return pods that arrived on a layer in this frame (none on the first frame)
     */
    private List<Gone> updatePods(ClusterSnapshot s, Instant now, boolean hideSystemPods) {
        boolean live = s.api().isLive();
        boolean remapAll = live != mappedLive || hideSystemPods != mappedHidden;
        if (s.pods() == mappedPods && !remapAll) {
            mark = s.podJournal().mark();
            return List.of();
        }
        boolean firstFrame = mappedPods == null;
        recentlyGone.values().removeIf(g -> Duration.between(g.at(), now).compareTo(RackViewModel.MOVE_WINDOW) > 0);
        Set<String> changedLayers = new HashSet<>();
        List<Gone> appeared = new ArrayList<>();
        // Only the pods the store's journal names since the last frame; every pod (and every pod shown
        // before) when the journal cannot tell or every tile must be mapped again.
        Collection<String> keys = remapAll || firstFrame ? null : s.podJournal().since(mark).orElse(null);
        if (keys == null) {
            Set<String> all = new HashSet<>(s.pods().keySet());
            all.addAll(mapped.keySet());
            keys = all;
        }
        for (String key : keys) {
            PodInfo info = s.pods().get(key);
            Mapped before = mapped.get(key);
            if (before != null && before.info() == info && !remapAll) {
                continue;
            }
            if (before != null && countsAsReady(before.info())) {
                ready--;
            }
            if (info == null) {
                if (before != null) {
                    gone(before, changedLayers, now);
                }
                continue;
            }
            if (countsAsReady(info)) {
                ready++;
            }
            PodModel model = RackViewModel.pod(info, s.api());
            String node = info.scheduled() ? info.nodeName() : null;
            mapped.put(key, new Mapped(info, model, node));
            String oldNode = before == null ? null : before.node();
            if (oldNode != null) {
                podsByLayer.get(oldNode).remove(model.key());
                changedLayers.add(oldNode);
                if (!oldNode.equals(node)) {
                    left(before.model(), oldNode, now);
                }
            }
            if (node != null) {
                podsByLayer.computeIfAbsent(node, n -> new HashMap<>()).put(key, model);
                changedLayers.add(node);
                if (model.led() == PodLed.TERMINATING) {
                    if (before == null || before.model().led() != PodLed.TERMINATING) {
                        left(model, node, now);
                    }
                } else if (!node.equals(oldNode) && !firstFrame) {
                    appeared.add(new Gone(model, node, now));
                }
            }
        }
        for (String node : changedLayers) {
            Map<String, PodModel> onLayer = podsByLayer.get(node);
            // List.copyOf, not Stream.toList: LayerModel copies a list that may hold nulls, so this one is reused as is.
            List<PodModel> sorted = List.copyOf(onLayer.values().stream()
                    .filter(p -> !hideSystemPods || p.kind() == PodKind.WORKLOAD)
                    .sorted(TILE_ORDER)
                    .toList());
            if (onLayer.isEmpty()) {
                podsByLayer.remove(node);
                sortedByLayer.remove(node);
            } else {
                sortedByLayer.put(node, sorted);
            }
        }
        podCounts = s.pods().size() + " pods (" + ready + " ready)";
        mappedPods = s.pods();
        mark = s.podJournal().mark();
        mappedLive = live;
        mappedHidden = hideSystemPods;
        return appeared;
    }

    private static boolean countsAsReady(PodInfo info) {
        return !info.terminating() && info.ready();
    }

    /** A pod no longer in the cluster: off its layer, and a replacement may follow. */
    private void gone(Mapped gone, Set<String> changedLayers, Instant now) {
        mapped.remove(gone.model().key());
        if (gone.node() != null) {
            podsByLayer.get(gone.node()).remove(gone.model().key());
            changedLayers.add(gone.node());
            left(gone.model(), gone.node(), now);
        }
        linked.remove(gone.model().key());
    }

    /** A pod left its layer (deleted, terminating, or bound elsewhere): a replacement may follow. */
    private void left(PodModel pod, String node, Instant now) {
        if (!linked.contains(pod.key())) {
            recentlyGone.putIfAbsent(pod.key(), new Gone(pod, node, now));
        }
    }

    /**
     * Links each pod new to a layer to a pod of the same app that terminated, vanished or left
     * another layer within {@link RackViewModel#MOVE_WINDOW}; each old pod is linked at most once.
     */
    private List<Move> linkMoves(List<Gone> appeared) {
        List<Move> moves = new ArrayList<>();
        for (Gone arrival : appeared) {
            PodModel pod = arrival.pod();
            Iterator<Map.Entry<String, Gone>> it = recentlyGone.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Gone> e = it.next();
                Gone gone = e.getValue();
                if (!gone.node().equals(arrival.node()) && gone.pod().app().equals(pod.app()) && gone.pod().kind() == pod.kind()) {
                    moves.add(new Move(e.getKey(), gone.node(), pod.key(), arrival.node(), pod.colour()));
                    it.remove();
                    if (mapped.containsKey(e.getKey())) {
                        linked.add(e.getKey());
                    }
                    break;
                }
            }
        }
        return moves;
    }
}
