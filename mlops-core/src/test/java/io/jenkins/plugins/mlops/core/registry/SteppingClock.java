package io.jenkins.plugins.mlops.core.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A clock that moves one minute forward every time it is read, so each event gets its own distinct instant. */
public final class SteppingClock extends Clock {
    private Instant next;
    private CountDownLatch firstReadEntered;
    private CountDownLatch firstReadRelease;

    public SteppingClock(Instant start) {
        this.next = start;
    }

    /**
     * Makes the first reading stall after it has taken its instant: it signals {@code entered}, then waits for
     * {@code release} (at most {@code HOLD}) before returning. Lets a test start a second caller while the first
     * holds an earlier time.
     */
    public SteppingClock holdFirstReading(CountDownLatch entered, CountDownLatch release) {
        this.firstReadEntered = entered;
        this.firstReadRelease = release;
        return this;
    }

    /** How long a held first reading waits for its release. */
    public static final Duration HOLD = Duration.ofSeconds(1);

    @Override
    public Instant instant() {
        Instant now;
        CountDownLatch release;
        synchronized (this) {
            now = next;
            next = next.plus(Duration.ofMinutes(1));
            release = firstReadRelease;
            firstReadRelease = null;
        }
        if (release != null) {
            firstReadEntered.countDown();
            try {
                release.await(HOLD.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
