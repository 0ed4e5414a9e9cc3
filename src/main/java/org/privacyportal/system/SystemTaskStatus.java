package org.privacyportal.system;

import java.util.List;

/** Where a task stands; the last three are final. */
public enum SystemTaskStatus {

	PENDING, DELIVERED, COMPLETED, FAILED, TIMED_OUT, COMPLETED_BY_STAFF;

	/** A result may still arrive for these, from the system or from staff. */
	static final List<SystemTaskStatus> OPEN = List.of(PENDING, DELIVERED, FAILED);

	boolean isDone() {
		return this == COMPLETED || this == COMPLETED_BY_STAFF;
	}

}
