package io.pirack.core.plug;

import java.util.List;

/**
 * One thing the presenter should know before pulling a plug.
 *
 * @param severity {@link Severity#CONFIRM} findings need an explicit "pull anyway"
 */
public record GuardrailFinding(Rule rule, Severity severity, String title, String explanation, List<Remedy> remedies) {

    public enum Rule { CONTROL_PLANE_API_DOWN, EVICTION_HALTED, STATEFUL_PODS_STAY, NOTHING_TO_MOVE, NODE_NOT_SEEN }

    public enum Severity { INFO, WARNING, CONFIRM }

    public GuardrailFinding {
        remedies = List.copyOf(remedies);
    }
}
