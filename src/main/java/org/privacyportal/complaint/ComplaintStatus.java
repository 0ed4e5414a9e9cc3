package org.privacyportal.complaint;

import java.util.Locale;

/**
 * Where a complaint stands. The order of the constants is the order of the workflow: a complaint
 * moves forward only, may skip steps, and never leaves RESOLVED or DISMISSED.
 */
enum ComplaintStatus {

	RECEIVED, ACKNOWLEDGED, INVESTIGATING, RESOLVED, DISMISSED;

	boolean open() {
		return this != RESOLVED && this != DISMISSED;
	}

	/** As a person reads it: {@code resolved}. */
	String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	boolean canMoveTo(ComplaintStatus next) {
		return open() && next.ordinal() > ordinal();
	}

}
