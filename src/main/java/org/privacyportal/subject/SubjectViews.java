package org.privacyportal.subject;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.privacyportal.api.UserError;

/** The GraphQL types of the subject feature. */
public final class SubjectViews {

	private SubjectViews() {
	}

	/** {@code Subject}; the other features resolve their fields of it from {@link #id()}. */
	public record SubjectView(String id, Instant registeredAt, ProfileView profile,
			List<CollectionSource> collectionSources, boolean legalHold, @Nullable Instant erasedAt) {
	}

	/** The token identity behind a subject and their address; once erased, placeholders and no address. */
	public record SubjectIdentity(String issuer, String externalId, @Nullable String email) {
	}

	public record ProfileView(@Nullable String fullName, @Nullable String email, @Nullable String phone,
			@Nullable PostalAddressView postalAddress, @Nullable String organization, @Nullable String language) {
	}

	record UpdatePreferencesInput(@Nullable String language) {
	}

	public record PostalAddressView(@Nullable String line1, @Nullable String line2, @Nullable String city,
			@Nullable String region, @Nullable String postalCode, @Nullable String country) {

		/**
		 * The address as text, the way correction requests show it: a JSON object of the parts that
		 * are set, always in the same order, so equal addresses have equal text.
		 */
		public String toJson() {
			Map<String, String> parts = new LinkedHashMap<>();
			BiConsumer<String, @Nullable String> part = (key, value) -> {
				if (value != null) {
					parts.put(key, value);
				}
			};
			part.accept("line1", line1);
			part.accept("line2", line2);
			part.accept("city", city);
			part.accept("region", region);
			part.accept("postalCode", postalCode);
			part.accept("country", country);
			return JsonMapper.shared().writeValueAsString(parts);
		}

		static PostalAddressView fromJson(String json) {
			return JsonMapper.shared().readValue(json, PostalAddressView.class);
		}

	}

	/** A profile field changed by an approved correction, as text. */
	public record ProfileChange(@Nullable String before, String after) {
	}

	record SubjectFilter(@Nullable String email, @Nullable String nameContains, @Nullable Boolean legalHold) {
	}

	record SetLegalHoldInput(String subjectId, boolean hold, String reason) {
	}

	record SubjectPayload(@Nullable SubjectView subject, List<UserError> userErrors) {
	}

}
