package org.privacyportal.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A stateless OAuth2 resource server. {@code /graphql} is open at the HTTP level because some
 * fields are public; each field checks its scope, and an anonymous call to a protected one is
 * turned into a 401 by {@link AnonymousCallInterceptor}. A bad token is a 401 everywhere.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		JwtAuthenticationConverter converter = jwtAuthenticationConverter();
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/graphql", "/graphiql", "/actuator/health", "/actuator/health/**", "/dev/tokens",
						"/.well-known/jwks.json", "/exports/*/download", "/systems/tasks/*/result", "/error")
				.permitAll()
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer(resourceServer -> resourceServer.jwt(jwt -> jwt.jwtAuthenticationConverter(converter)));
		return http.build();
	}

	@Bean
	JwtDecoder jwtDecoder(IdentityProperties properties, ObjectProvider<DevTokenIssuer> devIssuer) {
		if (properties.embeddedIssuer()) {
			DevTokenIssuer issuer = devIssuer.getObject();
			NimbusJwtDecoder decoder = issuer.decoder();
			decoder.setJwtValidator(validator(issuer.issuer(), properties));
			return decoder;
		}
		String issuerUri = properties.issuerUri();
		// resolved on first use, so the portal starts while the identity provider is still starting
		return new SupplierJwtDecoder(() -> {
			NimbusJwtDecoder decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(issuerUri);
			decoder.setJwtValidator(validator(issuerUri, properties));
			return decoder;
		});
	}

	/** Scopes as authorities, for HTTP requests and WebSocket connections alike. */
	static JwtAuthenticationConverter jwtAuthenticationConverter() {
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(new ScopeAuthoritiesConverter());
		return converter;
	}

	private static OAuth2TokenValidator<Jwt> validator(String issuer, IdentityProperties properties) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(JwtValidators.createDefaultWithIssuer(issuer));
		if (properties.audienceRequired()) {
			String audience = properties.audience();
			validators.add(new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(audience)));
		}
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

}
