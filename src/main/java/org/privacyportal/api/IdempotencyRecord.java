package org.privacyportal.api;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The first answer to a mutation sent with an {@code Idempotency-Key}. {@code caller} is a digest
 * of the token's issuer and subject ({@link IdempotencyRecords#caller}) and the id a digest of it
 * and the key, so keys of different callers never meet and a subject's records can be found on
 * erasure. {@code claim} names the request that holds the key until it has answered.
 */
@Document(IdempotencyRecords.COLLECTION)
record IdempotencyRecord(@Id String id, @Indexed String caller, String requestDigest, String claim,
		Instant claimedAt, @Nullable Map<String, Object> response, @Indexed(expireAfter = "0s") Instant expiresAt) {

	boolean completed() {
		return response != null;
	}

}
