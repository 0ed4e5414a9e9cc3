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
 * unique, which is what makes two concurrent first sign-ins create one subject. Once
 * {@code erasureStartedAt} is set no legal hold can be placed, and once {@code erasedAt} is set the
 * document is a tombstone: no personal data, and no link to the identity that signed in.
 * {@code outbox} holds the mail announcing a change of this document until it is sent.
 */
@Document(Subject.COLLECTION)
@CompoundIndex(name = "identity", def = "{'issuer': 1, 'externalId': 1}", unique = true)
record Subject(@Id String id, String issuer, String externalId, @Indexed Instant registeredAt, Profile profile,
		@Nullable @Indexed String emailKey, Set<CollectionSource> collectionSources, boolean legalHold,
		@Nullable String legalHoldReason, @Nullable Instant erasureStartedAt, @Nullable Instant erasedAt,
		@Nullable List<PendingMail> outbox) {

	static final String COLLECTION = "subjects";

	/** {@code language} is the one the subject chose to be served in; null follows their token or browser. */
	record Profile(@Nullable String fullName, @Nullable String email, @Nullable String phone,
			@Nullable PostalAddress postalAddress, @Nullable String organization, @Nullable String language) {
	}

	record PostalAddress(@Nullable String line1, @Nullable String line2, @Nullable String city, @Nullable String region,
			@Nullable String postalCode, @Nullable String country) {
	}

	static @Nullable String emailKey(@Nullable String email) {
		return email == null ? null : email.trim().toLowerCase(java.util.Locale.ROOT);
	}

}
