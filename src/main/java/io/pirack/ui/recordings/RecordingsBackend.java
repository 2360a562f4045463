package io.pirack.ui.recordings;

import java.time.Instant;
import java.util.List;

/**
 * What the Recordings screen asks of the recordings folder. Every method does file I/O and may
 * throw with a one-sentence message; the view model calls them on its background executor only.
 * The app implements it over the app-data folder's recordings; tests over a temporary folder.
 */
public interface RecordingsBackend {

    /** One recorded session as listed; {@code runs} is -1 while not counted yet. */
    record Row(String id, Instant startedAt, String title, String source, int runs, long bytes, boolean keep,
               boolean current) {
    }

    /** Every session, newest first (runs not counted yet). */
    List<Row> list() throws Exception;

    /** The number of failover runs in the session (reads it the first time). */
    int countRuns(String id) throws Exception;

    void rename(String id, String name) throws Exception;

    void setKeep(String id, boolean keep) throws Exception;

    void delete(String id) throws Exception;

    /** Shows the session's folder in Finder or the file manager. */
    void reveal(String id) throws Exception;
}
