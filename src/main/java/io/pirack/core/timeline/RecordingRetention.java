package io.pirack.core.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Which recorded sessions to delete: the oldest first, while the sessions are together larger than
 * {@link Policy#maxTotalBytes} or a session is older than {@link Policy#maxAge} — but never one of the
 * newest {@link Policy#alwaysKeepNewest}, never one marked "keep", never the session being recorded.
 */
public final class RecordingRetention {

    /** The app's rule: the last 20 sessions always stay; beyond them, 90 days and 2 GiB in all. */
    public static final Policy DEFAULT = new Policy(20, Duration.ofDays(90), 2L * 1024 * 1024 * 1024);

    private RecordingRetention() {
    }

    public record Policy(int alwaysKeepNewest, Duration maxAge, long maxTotalBytes) {
        public Policy {
            if (alwaysKeepNewest < 1) {
                throw new IllegalArgumentException("at least the newest session must always be kept, not " + alwaysKeepNewest);
            }
            Objects.requireNonNull(maxAge, "maxAge");
        }
    }

    /** One recorded session as retention sees it. */
    public record Session(String id, Instant startedAt, long bytes, boolean keep, boolean current) {
    }

    /** The ids to delete, oldest first. */
    public static List<String> toDelete(List<Session> sessions, Policy policy, Instant now) {
        List<Session> newestFirst = new ArrayList<>(sessions);
        newestFirst.sort(Comparator.comparing(Session::startedAt).reversed());
        long total = sessions.stream().mapToLong(Session::bytes).sum();
        Instant oldestAllowed = now.minus(policy.maxAge());
        List<String> delete = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= policy.alwaysKeepNewest(); i--) {
            Session s = newestFirst.get(i);
            if (s.keep() || s.current()) {
                continue;
            }
            if (total > policy.maxTotalBytes() || s.startedAt().isBefore(oldestAllowed)) {
                delete.add(s.id());
                total -= s.bytes();
            }
        }
        return delete;
    }
}
