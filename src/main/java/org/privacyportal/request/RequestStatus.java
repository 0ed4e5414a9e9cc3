package org.privacyportal.request;

import java.util.List;

/**
 * Where a correction or deletion request stands. Corrections go {@code PENDING} to
 * {@code APPROVED}, {@code REJECTED} or {@code CANCELLED}; deletions go {@code PENDING} to
 * {@code COMPLETED} or {@code CANCELLED}. {@code IN_REVIEW} is part of the contract and counts as
 * open, but no workflow sets it today.
 */
public enum RequestStatus {

	PENDING, IN_REVIEW, APPROVED, REJECTED, COMPLETED, CANCELLED;

	/** The statuses that still await an answer and so can be overdue. */
	public static final List<RequestStatus> OPEN = List.of(PENDING, IN_REVIEW);

}
