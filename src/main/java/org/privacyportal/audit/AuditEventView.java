package org.privacyportal.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** The GraphQL {@code AuditEvent}. */
public record AuditEventView(String id, Instant at, String actor, ActorType actorType, String action,
		@Nullable String targetId, String hash) {
}
