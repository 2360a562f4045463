package io.pirack.net;

import io.pirack.core.net.HostSnapshot;
import io.pirack.core.rack.RackSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Where the doctor reads from: this machine now, or a captured folder (support, tests). */
public interface SnapshotSource {

    HostSnapshot capture(Optional<RackSpec> rack) throws IOException;

    /** True when the snapshot is this machine now, so the SSH checks make sense and the result counts for the preflight. */
    boolean live();

    static SnapshotSource thisMachine(BoothNetwork network) {
        return new SnapshotSource() {
            @Override
            public HostSnapshot capture(Optional<RackSpec> rack) {
                return network.capture(rack);
            }

            @Override
            public boolean live() {
                return true;
            }
        };
    }

    /** A folder written by {@code pirack doctor --collect}; the app's rack replaces the captured one. */
    static SnapshotSource folder(Path dir) {
        return new SnapshotSource() {
            @Override
            public HostSnapshot capture(Optional<RackSpec> rack) throws IOException {
                HostSnapshot read = HostSnapshotCollector.readFolder(dir);
                return new HostSnapshot(read.platform(), read.files(), read.missingReasons(), read.absentOnHost(),
                        rack.isPresent() ? rack : read.rack());
            }

            @Override
            public boolean live() {
                return false;
            }
        };
    }
}
