package org.privacyportal.system;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.UserError;

/** The GraphQL types of data systems. */
public final class SystemViews {

	private SystemViews() {
	}

	/** {@code DataSystem}; {@code endpoint} and {@code lastFailure} are resolved per caller. */
	record DataSystemView(String id, String name, String endpoint, List<SystemTaskKind> handles, boolean enabled,
			int answerWithinHours, Instant createdAt, @Nullable Instant lastDeliveryAt, @Nullable String lastFailure) {
	}

	/** {@code SystemTask}; its system and {@code note} are resolved per caller. */
	public record SystemTaskView(String id, String systemId, SystemTaskKind kind, SystemTaskStatus status,
			Instant createdAt, Instant dueAt, @Nullable Instant completedAt, @Nullable String note, boolean overdue) {
	}

	record RegisterDataSystemInput(@Nullable String name, @Nullable String endpoint,
			@Nullable List<SystemTaskKind> handles, @Nullable Integer answerWithinHours) {
	}

	record UpdateDataSystemInput(String id, @Nullable String name, @Nullable String endpoint,
			@Nullable List<SystemTaskKind> handles, @Nullable Boolean enabled, @Nullable Integer answerWithinHours) {
	}

	record CompleteSystemTaskInput(String taskId, @Nullable String note) {
	}

	record RegisterDataSystemPayload(@Nullable DataSystemView system, @Nullable String signingSecret,
			List<UserError> userErrors) {
	}

	record DataSystemPayload(@Nullable DataSystemView system, List<UserError> userErrors) {
	}

	record SystemTaskPayload(@Nullable SystemTaskView task, List<UserError> userErrors) {
	}

}
