package org.privacyportal.complaint;

/**
 * Where a complaint stands. The order of the constants is the order of the workflow: a complaint
 * moves forward only, may skip steps, and never leaves RESOLVED or DISMISSED.
 */
enum ComplaintStatus {

	RECEIVED, ACKNOWLEDGED, INVESTIGATING, RESOLVED, DISMISSED;

	boolean open() {
		return this != RESOLVED && this != DISMISSED;
	}

	boolean canMoveTo(ComplaintStatus next) {
		return open() && next.ordinal() > ordinal();
	}

}
