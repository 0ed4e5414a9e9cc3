package org.privacyportal.audit;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One link of a subject's audit chain. {@code hash} covers the previous link's hash and a digest of
 * the details, not the details themselves, so erasing personal details keeps the chain intact.
 *
 * @param once {@code <action>/<targetId>} of an event recorded with {@link AuditService#recordOnce}, unique
 */
@Document("audit_events")
@CompoundIndex(name = "chain_seq", def = "{'subjectId': 1, 'seq': 1}", unique = true)
record AuditEvent(@Id String id, String subjectId, long seq, Instant at, String actor, ActorType actorType,
		String action, @Nullable String targetId, @Nullable Map<String, String> details, String detailsDigest,
		String previousHash, String hash, @Nullable @Indexed(unique = true, sparse = true) String once) {
}
