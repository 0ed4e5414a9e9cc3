package org.privacyportal.security;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache in front of a real RS256 decoder, counting what reaches the decoder. */
class ValidatedTokensTests {

	private final RSAKey key = generateKey();

	private final AtomicInteger decoded = new AtomicInteger();

	private final JwtDecoder real = NimbusJwtDecoder.withPublicKey(publicKey()).build();

	private final ValidatedTokens tokens = new ValidatedTokens(token -> {
		decoded.incrementAndGet();
		return real.decode(token);
	});

	@Test
	void anAcceptedTokenIsAnsweredFromMemoryUntilItExpires() {
		String token = sign("alice", Instant.now().plusSeconds(600));

		assertThat(tokens.decode(token).getSubject()).isEqualTo("alice");
		assertThat(tokens.decode(token).getSubject()).isEqualTo("alice");
		assertThat(decoded).hasValue(1);
	}

	@Test
	void aTamperedTokenNeverHitsAndIsRefused() {
		String token = sign("alice", Instant.now().plusSeconds(600));
		tokens.decode(token);
		String[] parts = token.split("\\.");
		String forgedClaims = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"sub\":\"mallory\",\"exp\":4102444800}".getBytes(StandardCharsets.UTF_8));
		char tenth = parts[2].charAt(10);
		String flippedSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + (tenth == 'A' ? 'B' : 'A')
				+ parts[2].substring(11);

		assertThatThrownBy(() -> tokens.decode(parts[0] + "." + forgedClaims + "." + parts[2]))
			.isInstanceOf(JwtException.class);
		assertThatThrownBy(() -> tokens.decode(flippedSignature)).isInstanceOf(JwtException.class);
		assertThat(decoded).hasValue(3);
	}

	@Test
	void aRefusedTokenIsNotRemembered() {
		String expired = sign("alice", Instant.now().minusSeconds(3600));

		assertThatThrownBy(() -> tokens.decode(expired)).isInstanceOf(JwtException.class);
		assertThatThrownBy(() -> tokens.decode(expired)).isInstanceOf(JwtException.class);
		assertThat(decoded).hasValue(2);
	}

	private String sign(String subject, Instant expiresAt) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256),
					new JWTClaimsSet.Builder().subject(subject).expirationTime(Date.from(expiresAt)).build());
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private RSAPublicKey publicKey() {
		try {
			return key.toRSAPublicKey();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey generateKey() {
		try {
			return new RSAKeyGenerator(2048).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
