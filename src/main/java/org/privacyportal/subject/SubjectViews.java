package org.privacyportal.subject;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.UserError;

/** The GraphQL types of the subject feature. */
public final class SubjectViews {

	private SubjectViews() {
	}

	/** {@code Subject}; the other features resolve their fields of it from {@link #id()}. */
	public record SubjectView(String id, Instant registeredAt, ProfileView profile,
			List<CollectionSource> collectionSources, boolean legalHold) {
	}

	public record ProfileView(@Nullable String fullName, @Nullable String email, @Nullable String phone,
			@Nullable PostalAddressView postalAddress, @Nullable String organization) {
	}

	public record PostalAddressView(@Nullable String line1, @Nullable String line2, @Nullable String city,
			@Nullable String region, @Nullable String postalCode, @Nullable String country) {
	}

	record SubjectFilter(@Nullable String email, @Nullable String nameContains, @Nullable Boolean legalHold) {
	}

	record SetLegalHoldInput(String subjectId, boolean hold, String reason) {
	}

	record SubjectPayload(@Nullable SubjectView subject, List<UserError> userErrors) {
	}

}
