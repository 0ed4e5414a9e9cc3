package org.privacyportal.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move forward to reach deadlines without sleeping; in milliseconds, like the portal's. */
public class MutableClock extends Clock {

	private final AtomicReference<Instant> now;

	public MutableClock(Instant start) {
		this.now = new AtomicReference<>(start.truncatedTo(ChronoUnit.MILLIS));
	}

	public void advance(Duration duration) {
		now.updateAndGet(instant -> instant.plus(duration).truncatedTo(ChronoUnit.MILLIS));
	}

	/** Back to the real time, so tests do not leak a moved clock into each other. */
	public void reset() {
		now.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return now.get();
	}

}
