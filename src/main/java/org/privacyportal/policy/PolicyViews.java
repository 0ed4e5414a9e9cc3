package org.privacyportal.policy;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.UserError;

/** The GraphQL types of the policy feature besides {@link PolicyView}. */
final class PolicyViews {

	private PolicyViews() {
	}

	record PublishPolicyVersionInput(String version, Instant effectiveAt, String summary, String text,
			boolean material, @Nullable List<PolicyTextInput> translations) {
	}

	record PolicyTextInput(String language, String summary, String text) {
	}

	record PublishPolicyVersionPayload(@Nullable PolicyView policy, List<UserError> userErrors) {
	}

	record PolicyAcknowledgementView(String version, Instant at) {
	}

	record AcknowledgePolicyPayload(@Nullable PolicyAcknowledgementView acknowledgement, List<UserError> userErrors) {
	}

}
