package io.pirack.core.net;

import io.pirack.core.rack.RackSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the doctor reads, captured once: file contents by their capture-folder name (see
 * {@link SnapshotFiles}), why a file is missing, and which files were confirmed not to exist on the
 * host (a real finding, e.g. no /etc/bootptab, rather than "not captured").
 *
 * @param rack the rack spec when one was given (its absence SKIPs the per-Pi checks)
 */
public record HostSnapshot(Platform platform, Map<String, String> files, Map<String, String> missingReasons,
                           Set<String> absentOnHost, Optional<RackSpec> rack) {

    public enum Platform { MACOS, LINUX }

    public HostSnapshot {
        files = Map.copyOf(files);
        missingReasons = Map.copyOf(missingReasons);
        absentOnHost = Set.copyOf(absentOnHost);
    }

    public Optional<String> file(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /** Why {@code name} is not available, for a SKIP message. */
    public String missingReason(String name) {
        return missingReasons.getOrDefault(name, name + " was not captured");
    }

    public boolean absent(String name) {
        return absentOnHost.contains(name);
    }
}
