package io.pirack.app;

import io.pirack.core.net.DoctorReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The last doctor run, kept in the settings folder ({@code network-doctor.json}) by the Network
 * screen and {@code pirack doctor}, read by the preflight. A missing or unreadable file is "no run yet".
 */
public final class DoctorMemory {

    public static final String FILE_NAME = "network-doctor.json";

    private final JsonFileStore<DoctorReport> store;

    public DoctorMemory(Path settingsDir) {
        store = new JsonFileStore<>(settingsDir.resolve(FILE_NAME), DoctorReport.class, () -> null, Clock.systemUTC());
    }

    public Path file() {
        return store.file();
    }

    public void remember(DoctorReport report) throws IOException {
        store.save(report);
    }

    public Optional<DoctorReport> last() {
        return Optional.ofNullable(store.load().value());
    }
}
