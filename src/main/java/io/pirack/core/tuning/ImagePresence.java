package io.pirack.core.tuning;

import io.pirack.core.cluster.NodeInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which demo image is on which node, and how a pre-pull is going. A pod that lands on a node
 * without its image waits for the pull, which on a Pi over conference Wi-Fi takes minutes.
 *
 * @param cells node name → image → state, in the order given
 */
public record ImagePresence(List<String> images, Map<String, Map<String, Cell>> cells) {

    public enum State {
        /** The node reports the image in node.status.images. */
        PRESENT,
        /** The pre-pull pod is pulling it. */
        PULLING,
        /** The pull failed (ErrImagePull, ImagePullBackOff, InvalidImageName …). */
        FAILED,
        /** Not on the node and nothing is pulling it. */
        MISSING
    }

    /** One node × image; {@code detail} carries the runtime's reason for PULLING/FAILED. */
    public record Cell(State state, String detail) {
    }

    /**
     * What the pre-pull pod on one node reports per image: the waiting reason of the container
     * running that image, or empty when it runs (the image is there).
     */
    public record PullPod(String nodeName, Map<String, Optional<String>> waitingReasonByImage) {
    }

    public ImagePresence {
        images = List.copyOf(images);
        Map<String, Map<String, Cell>> copy = new LinkedHashMap<>();
        cells.forEach((node, row) -> copy.put(node, Collections.unmodifiableMap(new LinkedHashMap<>(row))));
        cells = Collections.unmodifiableMap(copy);
    }

    /** From a cluster snapshot's nodes (their {@code node.status.images} names). */
    public static ImagePresence of(List<String> images, Collection<NodeInfo> nodes, List<PullPod> pullPods) {
        Map<String, Set<String>> imageNamesByNode = new LinkedHashMap<>();
        nodes.forEach(n -> imageNamesByNode.put(n.name(), n.images()));
        return of(images, imageNamesByNode, pullPods);
    }

    /** @param imageNamesByNode node name → every name in its {@code node.status.images} */
    public static ImagePresence of(List<String> images, Map<String, Set<String>> imageNamesByNode, List<PullPod> pullPods) {
        List<String> distinct = images.stream().distinct().toList();
        Map<String, Map<String, Cell>> cells = new LinkedHashMap<>();
        imageNamesByNode.forEach((node, names) -> {
            Map<String, Cell> row = new LinkedHashMap<>();
            Optional<PullPod> pod = pullPods.stream().filter(p -> node.equals(p.nodeName())).findFirst();
            for (String image : distinct) {
                row.put(image, cell(image, names, pod));
            }
            cells.put(node, row);
        });
        return new ImagePresence(distinct, cells);
    }

    private static Cell cell(String image, Set<String> imageNames, Optional<PullPod> pod) {
        ImageRef ref = ImageRef.parse(image);
        if (imageNames.stream().anyMatch(ref::matches)) {
            return new Cell(State.PRESENT, "");
        }
        Optional<Optional<String>> waiting = pod.map(p -> p.waitingReasonByImage().get(image));
        if (waiting.isEmpty()) {
            return new Cell(State.MISSING, "");
        }
        if (waiting.get().isEmpty()) {
            // Running: the image is there even if the node status has not caught up yet.
            return new Cell(State.PRESENT, "");
        }
        String reason = waiting.get().get();
        boolean failed = reason.contains("ErrImage") || reason.contains("BackOff") || reason.contains("InvalidImageName")
                || reason.contains("ErrImageNeverPull");
        return new Cell(failed ? State.FAILED : State.PULLING, reason);
    }

    public Cell cell(String node, String image) {
        return cells.get(node).get(image);
    }

    public boolean allPresent() {
        return cells.values().stream().allMatch(row -> row.values().stream().allMatch(c -> c.state() == State.PRESENT));
    }

    /** "pi2: docker.io/x:1 (ImagePullBackOff)" per cell that is not PRESENT. */
    public List<String> missing() {
        List<String> out = new ArrayList<>();
        cells.forEach((node, row) -> row.forEach((image, cell) -> {
            if (cell.state() != State.PRESENT) {
                out.add(node + ": " + image + (cell.detail().isEmpty() ? "" : " (" + cell.detail() + ")"));
            }
        }));
        return out;
    }

    /** Present cells over all cells, for a progress bar. */
    public double fractionPresent() {
        long total = cells.values().stream().mapToLong(Map::size).sum();
        long present = cells.values().stream().flatMap(r -> r.values().stream()).filter(c -> c.state() == State.PRESENT).count();
        return total == 0 ? 1.0 : (double) present / total;
    }
}
