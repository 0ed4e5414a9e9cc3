package org.privacyportal.system;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One thing one system is asked to do for one request, and the webhook that carries it: the task
 * document is its own outbox entry, claimed for delivery through a {@link org.privacyportal.store.Leases
 * lease} ({@code claim}, {@code leaseUntil}, {@code attempts}). Its id is derived from the request and
 * the system, so announcing a request twice makes one task.
 *
 * @param requestId the export or deletion request; null for a consent change
 * @param email the subject's address when the task was made, so an erasure still reaches the
 * system after the portal's own copy is gone; removed once the task is done
 * @param sequence per subject, in the order the consent changes were made
 * @param result an ACCESS system's answer, as JSON; removed when the export expires
 */
@Document(SystemTask.COLLECTION)
@CompoundIndex(name = "delivery", def = "{'status': 1, 'nextAttemptAt': 1}")
record SystemTask(@Id String id, String systemId, String systemName, SystemTaskKind kind, SystemTaskStatus status,
		@Indexed String subjectId, @Nullable @Indexed String requestId, @Nullable String email, String issuer,
		String externalId, @Nullable String purpose, @Nullable Boolean granted, @Nullable String source,
		@Nullable Long sequence, Instant createdAt, Instant dueAt, @Nullable Instant nextAttemptAt,
		@Nullable Instant deliveredAt, @Nullable Instant completedAt, @Nullable String completedBy,
		@Nullable String note, @Nullable String result, @Nullable String answerId, @Nullable String lastFailure,
		int attempts, @Nullable String claim, @Nullable Instant leaseUntil) {

	static final String COLLECTION = "system_tasks";

}
