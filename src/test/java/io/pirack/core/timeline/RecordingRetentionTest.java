package io.pirack.core.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingRetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final RecordingRetention.Policy POLICY = new RecordingRetention.Policy(20, Duration.ofDays(90), 1000);

    /** {@code count} sessions of {@code bytes} each, one a day, the newest today; ids s0 (oldest) … */
    private static List<RecordingRetention.Session> daily(int count, long bytes) {
        List<RecordingRetention.Session> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sessions.add(new RecordingRetention.Session("s" + i, NOW.minus(Duration.ofDays(count - 1 - i)), bytes, false, false));
        }
        return sessions;
    }

    private static RecordingRetention.Session marked(RecordingRetention.Session s, boolean keep, boolean current) {
        return new RecordingRetention.Session(s.id(), s.startedAt(), s.bytes(), keep, current);
    }

    @Test
    void overTheSizeLimitTheOldestGoFirstButNeverTheLastTwenty() {
        List<String> deleted = RecordingRetention.toDelete(daily(25, 100), POLICY, NOW);

        assertEquals(List.of("s0", "s1", "s2", "s3", "s4"), deleted, "2,500 bytes over 1,000: only the 5 beyond the last 20 may go");
    }

    @Test
    void deletingStopsOnceUnderTheSizeLimit() {
        List<String> deleted = RecordingRetention.toDelete(daily(25, 10), new RecordingRetention.Policy(20, Duration.ofDays(90), 230),
                NOW);

        assertEquals(List.of("s0", "s1"), deleted, "250 bytes, 230 allowed: two 10-byte sessions go");
    }

    @Test
    void aSessionMarkedKeepIsNeverDeletedHoweverOldOrLarge() {
        List<RecordingRetention.Session> sessions = daily(25, 100);
        sessions.set(0, marked(sessions.get(0), true, false));

        List<String> deleted = RecordingRetention.toDelete(sessions, POLICY, NOW.plus(Duration.ofDays(400)));

        assertEquals(List.of("s1", "s2", "s3", "s4"), deleted);
    }

    @Test
    void theSessionBeingRecordedIsNeverDeleted() {
        List<RecordingRetention.Session> sessions = daily(25, 100);
        sessions.set(2, marked(sessions.get(2), false, true));

        assertEquals(List.of("s0", "s1", "s3", "s4"), RecordingRetention.toDelete(sessions, POLICY, NOW));
    }

    @Test
    void sessionsOlderThanTheAgeLimitGoEvenWhenSmall() {
        List<RecordingRetention.Session> sessions = new ArrayList<>(daily(21, 1));
        sessions.add(new RecordingRetention.Session("ancient", NOW.minus(Duration.ofDays(91)), 1, false, false));
        sessions.add(new RecordingRetention.Session("recent-extra", NOW.minus(Duration.ofDays(30)), 1, false, false));

        assertEquals(List.of("ancient"), RecordingRetention.toDelete(sessions, POLICY, NOW));
    }

    @Test
    void twentySessionsOrFewerAreNeverTouched() {
        assertEquals(List.of(), RecordingRetention.toDelete(daily(20, 1_000_000), POLICY, NOW.plus(Duration.ofDays(1000))));
    }
}
