package io.pirack.core.tuning;

import io.pirack.core.cluster.Toleration;
import java.util.List;

/** A Deployment the demo relies on, with its pod template's tolerations. */
public record DemoWorkload(String namespace, String name, List<Toleration> tolerations) {

    public DemoWorkload {
        tolerations = List.copyOf(tolerations);
    }

    public String key() {
        return namespace + "/" + name;
    }
}
