package io.pirack.timeline;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.EventInfo;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.timeline.DomainListener;
import io.pirack.core.timeline.FailoverSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends every domain call to a JSON Lines recording in {@code folder}: one header line per file,
 * then one {@link RecordedEntry} per line. A new file starts when the next line would make the current
 * one larger than {@code maxFileBytes}; only the newest {@code keepFiles} recording files are kept. Each
 * new file starts with a checkpoint of the cluster as recorded so far (nodes, pods, leases, API status,
 * tuning), so the oldest kept file can be replayed from a complete picture.
 *
 * <p>Listener calls only serialise and enqueue; the writing runs on {@code ioExecutor}, which must run
 * tasks one at a time in order (a single-thread executor; tests pass {@code Runnable::run}). A write
 * failure is logged once and reported by {@link #problem()}; recording then stops, the app goes on.
 */
public final class RecordingWriter implements DomainListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingWriter.class);
    static final String HEADER_FORMAT = "pirack-recording";
    static final int HEADER_VERSION = 1;

    private final Path folder;
    private final long maxFileBytes;
    private final int keepFiles;
    private final Clock clock;
    private final Executor ioExecutor;

    private long seq;
    private long fileSequence;
    private Path currentFile;
    private OutputStream out;
    private long currentBytes;
    /** Bytes of header and checkpoint: a file holding only those is never rotated again. */
    private long checkpointBytes;
    private final RecordedState state = new RecordedState();
    private volatile String problem;
    private boolean closed;

    public RecordingWriter(Path folder, long maxFileBytes, int keepFiles, Clock clock, Executor ioExecutor) {
        if (maxFileBytes < 1024) {
            throw new IllegalArgumentException("a recording file must be allowed at least 1024 bytes, not " + maxFileBytes);
        }
        if (keepFiles < 1) {
            throw new IllegalArgumentException("at least one recording file must be kept, not " + keepFiles);
        }
        this.folder = Objects.requireNonNull(folder, "folder");
        this.maxFileBytes = maxFileBytes;
        this.keepFiles = keepFiles;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ioExecutor = Objects.requireNonNull(ioExecutor, "ioExecutor");
    }

    /** The folder this writer records into. */
    public Path folder() {
        return folder;
    }

    /** Why recording stopped, if it did. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** The file being written, once the first entry arrived. */
    public synchronized Optional<Path> currentFile() {
        return Optional.ofNullable(currentFile);
    }

    @Override
    public void nodeChanged(NodeInfo before, NodeInfo after) {
        record(RecordedEntry.node(nextSeq(), timeOf(after == null ? null : after.receivedAt()), before, after));
    }

    @Override
    public void podChanged(PodInfo before, PodInfo after) {
        record(RecordedEntry.pod(nextSeq(), timeOf(after == null ? null : after.receivedAt()), before, after));
    }

    @Override
    public void leaseChanged(LeaseInfo before, LeaseInfo after) {
        record(RecordedEntry.lease(nextSeq(), timeOf(after == null ? null : after.receivedAt()), before, after));
    }

    @Override
    public void eventReceived(EventInfo event) {
        record(RecordedEntry.event(nextSeq(), timeOf(event.receivedAt()), event));
    }

    @Override
    public void apiStatusChanged(ApiStatus before, ApiStatus after) {
        record(RecordedEntry.api(nextSeq(), timeOf(after == null ? null : after.since()), before, after));
    }

    @Override
    public void plugPulled(String node, String strategy, Instant at) {
        record(RecordedEntry.action(nextSeq(), at, RecordedEntry.Type.PLUG_PULLED, node, strategy));
    }

    @Override
    public void plugRestored(String node, String strategy, Instant at) {
        record(RecordedEntry.action(nextSeq(), at, RecordedEntry.Type.PLUG_RESTORED, node, strategy));
    }

    @Override
    public void linkLost(String node, String probe, Instant at) {
        record(RecordedEntry.action(nextSeq(), at, RecordedEntry.Type.LINK_LOST, node, probe));
    }

    @Override
    public void linkRegained(String node, String probe, Instant at) {
        record(RecordedEntry.action(nextSeq(), at, RecordedEntry.Type.LINK_REGAINED, node, probe));
    }

    @Override
    public void tuningApplied(FailoverSettings settings, Instant at) {
        record(RecordedEntry.tuning(nextSeq(), at, settings));
    }

    private synchronized long nextSeq() {
        return ++seq;
    }

    /** Deletes carry no receive time of their own: they are stamped with the clock, like the deriver does. */
    private Instant timeOf(Instant received) {
        return received != null ? received : clock.instant();
    }

    private void record(RecordedEntry entry) {
        if (problem != null) {
            return;
        }
        ioExecutor.execute(() -> write(entry));
    }

    private synchronized void write(RecordedEntry entry) {
        if (closed || problem != null) {
            return;
        }
        try {
            byte[] line = bytes(entry);
            if (out == null || currentBytes + line.length > maxFileBytes && currentBytes > checkpointBytes) {
                rotate();
            }
            out.write(line);
            out.flush();
            currentBytes += line.length;
            state.apply(entry);
        } catch (IOException | RuntimeException e) {
            problem = "recording to " + folder + " stopped: " + e.getMessage();
            LOG.warn(problem);
            closeQuietly();
        }
    }

    private void rotate() throws IOException {
        closeQuietly();
        Instant at = clock.instant();
        Files.createDirectories(folder);
        fileSequence++;
        currentFile = folder.resolve(RecordingFiles.name(at, fileSequence));
        out = Files.newOutputStream(currentFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        byte[] header = (TimelineJson.MAPPER.writeValueAsString(new Header(HEADER_FORMAT, HEADER_VERSION, at)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        out.write(header);
        currentBytes = header.length;
        for (RecordedEntry entry : state.checkpoint()) {
            byte[] line = bytes(entry);
            out.write(line);
            currentBytes += line.length;
        }
        checkpointBytes = currentBytes;
        List<Path> files = RecordingFiles.list(folder);
        for (int i = 0; i < files.size() - keepFiles; i++) {
            Files.deleteIfExists(files.get(i));
        }
    }

    private static byte[] bytes(RecordedEntry entry) {
        return (TimelineJson.MAPPER.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private void closeQuietly() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed: {}", currentFile, e.getMessage());
        }
        out = null;
    }

    @Override
    public void close() {
        ioExecutor.execute(() -> {
            synchronized (this) {
                closed = true;
                closeQuietly();
            }
        });
    }

    /** The first line of every recording file. */
    record Header(String format, int version, Instant startedAt) {
    }
}
