package org.privacyportal.consent;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** One recorded choice: the proof of consent. Never updated; its id is subject and sequence. */
@Document("consent_events")
@CompoundIndex(name = "subject_seq", def = "{'subjectId': 1, 'seq': 1}", unique = true)
record ConsentEvent(@Id String id, String subjectId, long seq, String purposeKey, @Nullable Integer purposeVersion,
		boolean granted, ConsentSource source, @Nullable String channel, String policyVersion, Instant at) {

	static ConsentEvent of(String subjectId, Recorded event) {
		return new ConsentEvent(subjectId + ":" + event.seq(), subjectId, event.seq(), event.purposeKey(),
				event.purposeVersion(), event.granted(), event.source(), event.channel(), event.policyVersion(),
				event.at());
	}

	/** Events recorded before purposes had versions were all made under version 1. */
	int purposeVersionOrFirst() {
		return purposeVersion == null ? 1 : purposeVersion;
	}

	/**
	 * An event as it waits in the settings document. A type of its own, because Spring Data would
	 * otherwise also build this document's unique index inside the settings document's array.
	 */
	record Recorded(long seq, String purposeKey, @Nullable Integer purposeVersion, boolean granted,
			ConsentSource source, @Nullable String channel, String policyVersion, Instant at) {
	}

}
