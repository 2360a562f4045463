package io.pirack.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Live versus unreachable: a watch reconnect is live, an endpoint silent for longer than the threshold is not. */
class ApiHealthTest {

    private static final Instant T0 = Instant.parse("2026-12-06T02:00:00Z");
    private static final ApiHealth.Watches WATCHING = new ApiHealth.Watches(true, true, null);
    private static final ApiHealth.Watches RECONNECTING = new ApiHealth.Watches(true, false, "watch closed");
    private static final ApiHealth.Watches NOT_LISTED = new ApiHealth.Watches(false, false, null);

    private final ApiHealth health = new ApiHealth(T0);

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    /** Connected at 1 s, the endpoint answering every 250 ms up to {@code until}. */
    private void liveUntil(double until) {
        for (double t = 0.5; t <= until + 1e-9; t += 0.25) {
            health.answered(at(t));
        }
        assertInstanceOf(ApiStatus.Connected.class, health.evaluate(at(1), WATCHING));
    }

    @Test
    void startingIsConnectingUntilTheEndpointAnswersAndEveryInformerHasListedAndWatches() {
        assertInstanceOf(ApiStatus.Connecting.class, health.evaluate(at(0.1), NOT_LISTED));
        health.failed(at(0.2), "Connection refused");
        ApiStatus refused = health.evaluate(at(5), NOT_LISTED);
        assertInstanceOf(ApiStatus.Connecting.class, refused, "a start is not an outage, however long");
        assertEquals("Connection refused", ((ApiStatus.Connecting) refused).reason());
        assertEquals(T0, refused.since());
        health.answered(at(5.1));
        assertInstanceOf(ApiStatus.Connecting.class, health.evaluate(at(5.2), NOT_LISTED));
        assertInstanceOf(ApiStatus.Connected.class, health.evaluate(at(5.3), WATCHING));
    }

    @Test
    void aWatchBeingReEstablishedWhileTheEndpointAnswersIsLive() {
        liveUntil(10);
        ApiStatus resync = health.evaluate(at(9), RECONNECTING);
        assertInstanceOf(ApiStatus.Reconnecting.class, resync);
        assertTrue(resync.isLive());
        assertEquals(at(9), resync.since());
        assertTrue(health.evaluate(at(9.9), RECONNECTING).isLive());
        assertInstanceOf(ApiStatus.Connected.class, health.evaluate(at(10), WATCHING));
    }

    @ParameterizedTest(name = "last answer sent at 10 s, now {0} s → live={1}")
    @CsvSource({"10.5, true", "11.9, true", "12.0, true", "12.001, false", "13, false", "60, false"})
    void anEndpointSilentForLongerThanTheThresholdIsUnreachableWhateverTheWatchesSay(double now, boolean live) {
        liveUntil(10);
        health.failed(at(10.25), "Connection refused");
        for (ApiHealth.Watches watches : new ApiHealth.Watches[] {WATCHING, RECONNECTING}) {
            assertEquals(live, health.evaluate(at(now), watches).isLive(), watches.toString());
        }
    }

    @Test
    void anOutageDatesFromTheLastAnswerAndSaysWhy() {
        liveUntil(10);
        health.failed(at(10.25), "Connection refused");
        ApiStatus down = health.evaluate(at(12.1), WATCHING);
        assertEquals(new ApiStatus.Unreachable(at(10), "Connection refused"), down);
    }

    @Test
    void aStalledEndpointThatNeverRefusesIsUnreachableAfterTheThresholdToo() {
        liveUntil(10);
        // A pulled Pi: no refusal, the checks simply never come back.
        ApiStatus down = health.evaluate(at(12.25), WATCHING);
        assertInstanceOf(ApiStatus.Unreachable.class, down);
        assertEquals("no answer for 2.3 s", ((ApiStatus.Unreachable) down).reason());
    }

    @Test
    void afterAnOutageTheStaleCacheIsNotShownAsLiveUntilEveryWatchIsBack() {
        liveUntil(10);
        assertFalse(health.evaluate(at(13), RECONNECTING).isLive());
        health.answered(at(15));
        ApiStatus answering = health.evaluate(at(15.1), RECONNECTING);
        assertEquals(new ApiStatus.Unreachable(at(10), "answering again; re-listing"), answering);
        assertInstanceOf(ApiStatus.Connected.class, health.evaluate(at(15.6), WATCHING));
        assertTrue(health.evaluate(at(15.7), RECONNECTING).isLive(), "a later watch rotation is live again");
    }

    @Test
    void watchesThatStayDownLongerThanTheGraceMakeTheCacheStaleEvenIfTheEndpointAnswers() {
        liveUntil(40);
        assertTrue(health.evaluate(at(20), RECONNECTING).isLive());
        assertTrue(health.evaluate(at(35), RECONNECTING).isLive());
        ApiStatus stale = health.evaluate(at(35.1), RECONNECTING);
        assertInstanceOf(ApiStatus.Unreachable.class, stale);
        assertEquals(at(20), stale.since());
    }

    @Test
    void theThresholdMustBePositive() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ApiHealth(T0, Duration.ZERO, Duration.ofSeconds(1)));
    }
}
