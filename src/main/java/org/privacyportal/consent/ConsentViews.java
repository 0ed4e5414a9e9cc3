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
			@Nullable Instant updatedAt, boolean reconsentRequired) {
	}

	record ConsentEventView(String id, String purposeKey, int purposeVersion, boolean granted, ConsentSource source,
			@Nullable String channel, String policyVersion, Instant at) {
	}

	record ConsentChangeInput(String purposeKey, boolean granted) {
	}

	record UpdateConsentsInput(List<ConsentChangeInput> changes, @Nullable String channel) {
	}

	record PurposeTextInput(String language, String title, String description) {
	}

	record DefinePurposeInput(String key, String title, String description, ConsentBasis basis, boolean defaultGranted,
			boolean withdrawnByGlobalPrivacyControl, @Nullable Boolean reconsentRequired,
			@Nullable List<PurposeTextInput> translations) {
	}

	record RetirePurposeInput(String key, String reason) {
	}

	record PurposePayload(@Nullable ConsentPurposeView purpose, List<UserError> userErrors) {
	}

	record UpdateConsentsPayload(@Nullable ConsentSettingsView consents, List<UserError> userErrors) {
	}

}
