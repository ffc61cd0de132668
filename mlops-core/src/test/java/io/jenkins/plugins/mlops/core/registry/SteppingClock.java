package io.jenkins.plugins.mlops.core.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves one minute forward every time it is read, so each event gets its own distinct instant. */
public final class SteppingClock extends Clock {
    private Instant next;

    public SteppingClock(Instant start) {
        this.next = start;
    }

    @Override
    public synchronized Instant instant() {
        Instant now = next;
        next = next.plus(Duration.ofMinutes(1));
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
