package org.privacyportal.audit;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The key of a subject's audit detail digests, kept apart from the events so that erasure can
 * destroy it: afterwards a guess at the erased details can no longer be checked against a digest.
 */
@Document("audit_keys")
record AuditKey(@Id String subjectId, byte[] key) {
}
