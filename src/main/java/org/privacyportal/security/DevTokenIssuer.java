package org.privacyportal.security;

import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.jspecify.annotations.Nullable;

import org.privacyportal.store.DataDirectorySecrets;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * The embedded development issuer: an RSA key generated once and kept in the data directory, so
 * tokens survive a restart. Its tokens are checked by the same decoder settings as any issuer's.
 */
@Component
@ConditionalOnEmbeddedIssuer
public class DevTokenIssuer {

	private final IdentityProperties properties;

	private final Clock clock;

	private final RSAKey key;

	private final NimbusJwtEncoder encoder;

	DevTokenIssuer(IdentityProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		this.key = loadOrCreateKey(properties.keyDir().resolve("dev-issuer-key.json"));
		this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
	}

	/** Signs a token for the given person and scopes, valid for the configured lifetime. */
	public String issue(String subject, Collection<String> scopes, @Nullable String email, @Nullable String name) {
		Instant now = clock.instant();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(properties.devIssuer())
			.subject(subject)
			.issuedAt(now)
			.expiresAt(now.plus(properties.devTokenLifetime()))
			.id(UUID.randomUUID().toString())
			.claim("scope", String.join(" ", scopes));
		if (properties.audienceRequired()) {
			claims.audience(java.util.List.of(properties.audience()));
		}
		if (email != null) {
			claims.claim("email", email);
		}
		if (name != null) {
			claims.claim("name", name);
		}
		return sign(claims.build());
	}

	/** Signs arbitrary claims with the issuer's key (tests use it for expired or foreign tokens). */
	public String sign(JwtClaimsSet claims) {
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
		return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

	public String issuer() {
		return properties.devIssuer();
	}

	public long lifetimeSeconds() {
		return properties.devTokenLifetime().toSeconds();
	}

	Map<String, Object> publicJwks() {
		return new JWKSet(key.toPublicJWK()).toJSONObject();
	}

	NimbusJwtDecoder decoder() {
		try {
			return NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).signatureAlgorithm(SignatureAlgorithm.RS256).build();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("The development issuer's key is unusable", ex);
		}
	}

	private static RSAKey loadOrCreateKey(Path file) {
		String json = DataDirectorySecrets.readOrCreate(file, "the development issuer's key", () -> {
			try {
				return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate().toJSONString();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException("Cannot generate the development issuer's key", ex);
			}
		});
		try {
			return RSAKey.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("The development issuer's key in " + file + " is unreadable", ex);
		}
	}

}
