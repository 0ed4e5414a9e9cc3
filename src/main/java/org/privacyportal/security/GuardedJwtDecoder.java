package org.privacyportal.security;

import java.text.ParseException;

import com.nimbusds.jwt.JWTParser;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * An external issuer's decoder that tells a bad token from an unreachable issuer: what is not a JWT
 * at all is refused before the issuer is asked, and a failure to reach the issuer's discovery
 * document or keys is a {@link JwtException} (answered with 503 by {@link ResourceServer}), not a
 * 500.
 */
final class GuardedJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	GuardedJwtDecoder(JwtDecoder delegate) {
		this.delegate = delegate;
	}

	@Override
	public Jwt decode(String token) {
		try {
			JWTParser.parse(token);
		}
		catch (ParseException ex) {
			throw new BadJwtException("The bearer token is not a JWT", ex);
		}
		try {
			return delegate.decode(token);
		}
		catch (JwtDecoderInitializationException ex) {
			throw new JwtException("The identity provider cannot be reached", ex);
		}
	}

}
