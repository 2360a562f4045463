package io.pirack.core.tuning;

import io.pirack.core.cluster.Toleration;
import java.util.List;

/**
 * A toleration change for one Deployment, ready to show and apply.
 *
 * @param jsonPatch  the JSON Patch that will be sent (it carries the whole toleration list)
 * @param warnings   kept tolerations that would defeat the change
 */
public record TolerationPatchPlan(String namespace, String deployment, List<Toleration> before, List<Toleration> after,
                                  String diff, String jsonPatch, List<String> warnings) {

    public TolerationPatchPlan {
        before = List.copyOf(before);
        after = List.copyOf(after);
        warnings = List.copyOf(warnings);
    }

    public boolean unchanged() {
        return before.equals(after);
    }
}
