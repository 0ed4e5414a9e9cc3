package org.privacyportal.subject;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.privacyportal.notification.PendingMail;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A data subject. {@code issuer} + {@code externalId} (the token's {@code iss} + {@code sub}) are
 * unique, which is what makes two concurrent first sign-ins create one subject. {@code outbox} holds
 * the mail announcing a change of this document until it is sent.
 */
@Document("subjects")
@CompoundIndex(name = "identity", def = "{'issuer': 1, 'externalId': 1}", unique = true)
record Subject(@Id String id, String issuer, String externalId, @Indexed Instant registeredAt, Profile profile,
		@Nullable @Indexed String emailKey, Set<CollectionSource> collectionSources, boolean legalHold,
		@Nullable String legalHoldReason, @Nullable List<PendingMail> outbox) {

	record Profile(@Nullable String fullName, @Nullable String email, @Nullable String phone,
			@Nullable PostalAddress postalAddress, @Nullable String organization) {
	}

	record PostalAddress(@Nullable String line1, @Nullable String line2, @Nullable String city, @Nullable String region,
			@Nullable String postalCode, @Nullable String country) {
	}

	static @Nullable String emailKey(@Nullable String email) {
		return email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
	}

}
