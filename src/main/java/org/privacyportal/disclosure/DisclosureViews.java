package org.privacyportal.disclosure;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.UserError;

/** The GraphQL types of the disclosure feature. */
final class DisclosureViews {

	private DisclosureViews() {
	}

	/** {@code Disclosure}; {@code confidentialUntil} and {@code recordedBy} are answered for staff only. */
	record DisclosureView(String id, String recipient, DisclosureBasis basis, List<String> dataCategories,
			Instant disclosedAt, @Nullable Instant confidentialUntil, Instant recordedAt, String recordedBy) {
	}

	record RecordDisclosureInput(String subjectId, String recipient, DisclosureBasis basis, List<String> dataCategories,
			Instant disclosedAt, @Nullable Instant confidentialUntil) {
	}

	record RecordDisclosurePayload(@Nullable DisclosureView disclosure, List<UserError> userErrors) {
	}

}
