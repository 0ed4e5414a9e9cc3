package org.privacyportal.disclosure;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A disclosure of a subject's personal information to someone outside the portal (§6). Written once
 * and never edited; {@code subjectErasedAt} is set when the subject's data is erased, see
 * {@link DisclosureConfiguration} for why the record itself stays.
 */
@Document(Disclosure.COLLECTION)
@CompoundIndex(name = "subject_disclosed", def = "{'subjectId': 1, 'disclosedAt': -1}")
record Disclosure(@Id String id, String subjectId, String recipient, DisclosureBasis basis,
		List<String> dataCategories, Instant disclosedAt, @Nullable Instant confidentialUntil, Instant recordedAt,
		String recordedBy, @Nullable Instant subjectErasedAt) {

	static final String COLLECTION = "disclosures";

	boolean visibleToSubjectAt(Instant now) {
		return confidentialUntil == null || !confidentialUntil.isAfter(now);
	}

}
