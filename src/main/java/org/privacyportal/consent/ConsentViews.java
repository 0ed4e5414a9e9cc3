package org.privacyportal.consent;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.UserError;

/** The GraphQL types of the consent feature. */
final class ConsentViews {

	private ConsentViews() {
	}

	/** {@code ConsentSettings}; the history is fetched by subject id when selected. */
	record ConsentSettingsView(String subjectId, List<PurposeConsentView> purposes, @Nullable Instant updatedAt) {
	}

	record PurposeConsentView(ConsentPurposeView purpose, boolean granted, ConsentSource source,
			@Nullable Instant updatedAt) {
	}

	record ConsentEventView(String id, String purposeKey, boolean granted, ConsentSource source,
			@Nullable String channel, String policyVersion, Instant at) {
	}

	record ConsentChangeInput(String purposeKey, boolean granted) {
	}

	record UpdateConsentsInput(List<ConsentChangeInput> changes, @Nullable String channel) {
	}

	record UpdateConsentsPayload(@Nullable ConsentSettingsView consents, List<UserError> userErrors) {
	}

}
