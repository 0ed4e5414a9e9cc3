package org.privacyportal.consent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A subject's current consent choices (absent purposes are at their default). Each write bumps
 * {@code revision} and carries the events it causes in {@code pendingEvents}, so choices and
 * history change in one document write; the events are then copied to the history and pulled.
 */
@Document("consent_settings")
record ConsentSettings(@Id String subjectId, long revision, long eventSeq, Map<String, Choice> choices,
		@Nullable Instant updatedAt, @Nullable Instant gpcAppliedAt, List<ConsentEvent.Recorded> pendingEvents) {

	static ConsentSettings empty(String subjectId) {
		return new ConsentSettings(subjectId, 0, 0, Map.of(), null, null, List.of());
	}

	/** {@code purposeVersion} is absent on choices made before purposes had versions, all under version 1. */
	record Choice(boolean granted, ConsentSource source, Instant at, @Nullable Integer purposeVersion) {

		int purposeVersionOrFirst() {
			return purposeVersion == null ? 1 : purposeVersion;
		}

	}

}
