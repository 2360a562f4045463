package io.pirack.core.plug;

import java.util.List;

/**
 * A documented way out of a stuck failover, offered to the presenter and only ever applied after an
 * explicit confirmation. {@code commands} are what an operator would type, shown for transparency.
 */
public record Remedy(Kind kind, String title, String explanation, List<String> commands) {

    public enum Kind { FORCE_DELETE_PODS, OUT_OF_SERVICE_TAINT }

    public Remedy {
        commands = List.copyOf(commands);
    }

    /** Every remedy changes cluster state irreversibly enough to deserve a "yes, do it". */
    public boolean needsConfirmation() {
        return true;
    }
}
