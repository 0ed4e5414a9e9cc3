package org.privacyportal.security;

import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Remembers each token the real decoder accepted until it expires, so a client's next requests with
 * the same token skip the signature check and the JSON parse, which the profile showed cost more
 * than a GraphQL request itself. The key is the whole token string (the accepted {@link Jwt} holds it
 * anyway; hashing it cost a twentieth of a request): a token changed in any character is another
 * key, and goes to the decoder. A token that expires is never answered from here after its
 * {@code exp}, and one without {@code exp} is not kept.
 */
final class ValidatedTokens implements JwtDecoder {

	/** At most this many tokens are remembered, the least recently used going first (a few MB). */
	static final int MAX_TOKENS = 10_000;

	private final JwtDecoder decoder;

	private final Cache<String, Jwt> accepted = Caffeine.newBuilder()
		.maximumSize(MAX_TOKENS)
		.expireAfter(Expiry.<String, Jwt>creating((key, jwt) -> untilExpiry(jwt)))
		.build();

	ValidatedTokens(JwtDecoder decoder) {
		this.decoder = decoder;
	}

	@Override
	public Jwt decode(String token) {
		Jwt known = accepted.getIfPresent(token);
		if (known != null) {
			return known;
		}
		Jwt jwt = decoder.decode(token);
		if (jwt.getExpiresAt() != null) {
			accepted.put(token, jwt);
		}
		return jwt;
	}

	private static Duration untilExpiry(Jwt jwt) {
		Duration left = Duration.between(Instant.now(), jwt.getExpiresAt());
		return left.isNegative() ? Duration.ZERO : left;
	}

}
