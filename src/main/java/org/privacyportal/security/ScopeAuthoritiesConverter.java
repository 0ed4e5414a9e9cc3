package org.privacyportal.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/** Scopes from {@code scope} or {@code scp}; {@code privacy.admin} implies {@code privacy.staff}. */
class ScopeAuthoritiesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

	private static final GrantedAuthority ADMIN = new SimpleGrantedAuthority(Scopes.AUTHORITY_PREFIX + Scopes.ADMIN);

	private static final GrantedAuthority STAFF = new SimpleGrantedAuthority(Scopes.AUTHORITY_PREFIX + Scopes.STAFF);

	private final JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();

	@Override
	public Collection<GrantedAuthority> convert(Jwt jwt) {
		Set<GrantedAuthority> authorities = new LinkedHashSet<>(scopes.convert(jwt));
		if (authorities.contains(ADMIN)) {
			authorities.add(STAFF);
		}
		return authorities;
	}

}
