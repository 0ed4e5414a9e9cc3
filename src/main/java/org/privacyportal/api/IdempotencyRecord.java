package org.privacyportal.api;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The first answer to a mutation sent with an {@code Idempotency-Key}. The id is a digest of the
 * caller and the key, so keys of different callers never meet.
 */
@Document("idempotency_keys")
record IdempotencyRecord(@Id String id, String requestDigest, @Nullable Map<String, Object> response,
		@Indexed(expireAfter = "0s") Instant expiresAt) {

	boolean completed() {
		return response != null;
	}

}
