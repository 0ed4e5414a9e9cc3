package org.privacyportal.audit;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Something that happened to a subject's data, as a feature reports it. {@code details} may hold
 * personal data (before and after values); erasure removes them while the chain stays verifiable.
 */
public record AuditEntry(String subjectId, String actor, ActorType actorType, String action, @Nullable String targetId,
		Map<String, String> details) {

	public static AuditEntry bySubject(String subjectId, String action, @Nullable String targetId,
			Map<String, String> details) {
		return new AuditEntry(subjectId, subjectId, ActorType.SUBJECT, action, targetId, details);
	}

	public static AuditEntry byStaff(String subjectId, String staff, String action, @Nullable String targetId,
			Map<String, String> details) {
		return new AuditEntry(subjectId, staff, ActorType.STAFF, action, targetId, details);
	}

	public static AuditEntry bySystem(String subjectId, String action, @Nullable String targetId,
			Map<String, String> details) {
		return new AuditEntry(subjectId, "system", ActorType.SYSTEM, action, targetId, details);
	}

}
