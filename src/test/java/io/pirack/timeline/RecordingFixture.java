package io.pirack.timeline;

import static io.pirack.testing.ClusterFixtures.T0;

import java.nio.file.Path;

/** Writes the {@link LiveSession} story as a recording, for tests outside this package. */
public final class RecordingFixture {

    private RecordingFixture() {
    }

    public static void writeLiveSession(Path folder) {
        ManualTime clock = new ManualTime(T0);
        try (RecordingWriter writer = new RecordingWriter(folder, 1_000_000, 3, clock, Runnable::run)) {
            new LiveSession(writer, clock).play();
        }
    }
}
