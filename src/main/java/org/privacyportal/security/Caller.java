package org.privacyportal.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The authenticated caller as the features see it: the token's issuer and subject identify a
 * person; staff actions are recorded under {@link #subject()}.
 */
public record Caller(String issuer, String subject, Set<String> scopes, @Nullable String email,
		@Nullable String name) {

	public static Caller of(Authentication authentication) {
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			throw new IllegalStateException("Not a bearer-token caller");
		}
		Jwt jwt = token.getToken();
		Set<String> scopes = token.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(a -> a.startsWith(Scopes.AUTHORITY_PREFIX))
			.map(a -> a.substring(Scopes.AUTHORITY_PREFIX.length()))
			.collect(Collectors.toUnmodifiableSet());
		String issuer = jwt.hasClaim("iss") ? jwt.getClaimAsString("iss") : "";
		return new Caller(issuer, jwt.getSubject(), scopes, email(jwt), jwt.getClaimAsString("name"));
	}

	/** An address the provider says it has not verified could be anyone's, so it is not taken. */
	private static @Nullable String email(Jwt jwt) {
		Object verified = jwt.getClaim("email_verified");
		if (Boolean.FALSE.equals(verified) || "false".equals(verified)) {
			return null;
		}
		return jwt.getClaimAsString("email");
	}

	public boolean isStaff() {
		return scopes.contains(Scopes.STAFF);
	}

}
