package org.privacyportal.deletion;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.privacyportal.notification.PendingMail;
import org.privacyportal.request.RequestDeadlines;
import org.privacyportal.request.RequestStatus;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A subject's request to have their personal data erased. It is {@code PENDING} through the
 * cooling-off period until the worker erases the data and completes it, unless the subject cancels
 * it while cooling off. Each change is one conditional update that also writes the announcing mail
 * into {@code outbox}. The worker executing the erasure holds the request through a lease
 * ({@link org.privacyportal.store.Leases}), so a run that stopped halfway is picked up again once
 * the lease runs out.
 *
 * @param openKey unique: the subject id while pending, the request's own id after, so a subject has
 * at most one open request even when two arrive at once
 * @param deferredAt when the worker first found a legal hold in the way (recorded in the audit
 * trail once)
 * @param contactEmail the address the completion mail goes to, kept from the profile before the
 * erasure empties it and removed by the write that completes the request
 */
@Document(DeletionRequest.COLLECTION)
@CompoundIndexes({ @CompoundIndex(name = "queue", def = "{'status': 1, 'dueAt': 1}"),
		@CompoundIndex(name = "due", def = "{'status': 1, 'scheduledFor': 1}") })
record DeletionRequest(@Id String id, @Indexed String subjectId, @Nullable String reason, RequestStatus status,
		@Indexed(unique = true) String openKey, Instant submittedAt, Instant scheduledFor, Instant dueAt,
		@Nullable Instant completedAt, @Nullable Instant cancelledAt, @Nullable Instant extendedAt,
		@Nullable String extensionReason, @Nullable Instant deferredAt, @Nullable String contactEmail,
		List<PendingMail> outbox) {

	static final String COLLECTION = "deletion_requests";

	/** A new request, cooling off for {@code coolingOff}, with its receipt in the outbox. */
	static DeletionRequest requested(String id, String subjectId, @Nullable String reason, Instant now,
			Duration coolingOff) {
		Instant scheduledFor = now.plus(coolingOff);
		PendingMail receipt = PendingMail.of("deletion-requested", subjectId,
				Map.of("requestId", id, "submittedAt", now.toString(), "scheduledFor", scheduledFor.toString()), now);
		return new DeletionRequest(id, subjectId, reason, RequestStatus.PENDING, subjectId, now, scheduledFor,
				now.plus(RequestDeadlines.RESPONSE_TIME), null, null, null, null, null, null, List.of(receipt));
	}

}
