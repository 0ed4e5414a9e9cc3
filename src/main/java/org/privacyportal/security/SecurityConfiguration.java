package org.privacyportal.security;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.LocaleResolver;

/**
 * A stateless OAuth2 resource server. {@code /graphql} is open at the HTTP level because some
 * fields are public; each field checks its scope, and an anonymous call to a protected one is
 * turned into a 401 by {@link AnonymousCallInterceptor}. A bad token is a 401 everywhere.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	/**
	 * The operator's endpoints ({@code prometheus}, {@code info}) answer only on the management port
	 * ({@code MANAGEMENT_SERVER_PORT}), which the operator keeps from the public; without one they are
	 * closed.
	 */
	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, IdentityProperties properties, Environment environment,
			MessageSource messages, LocaleResolver locales) throws Exception {
		JwtAuthenticationConverter converter = jwtAuthenticationConverter();
		boolean managementPort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
		// CORS from the corsConfigurationSource bean (api.CrossOriginConfiguration)
		http.cors(Customizer.withDefaults())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to("prometheus", "info"))
				.access((authentication, context) -> new AuthorizationDecision(managementPort))
				.requestMatchers("/graphql", "/graphiql", "/actuator/health", "/actuator/health/**", "/livez", "/readyz",
						"/dev/tokens", "/.well-known/jwks.json", "/exports/*/download", "/systems/tasks/*/result",
						"/error", "/app", "/app/**")
				.permitAll()
				.requestMatchers("/actuator/**")
				.denyAll()
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer(resourceServer -> ResourceServer.configure(
					resourceServer.jwt(jwt -> jwt.jwtAuthenticationConverter(converter)), properties, messages, locales));
		return http.build();
	}

	/**
	 * Spring Security observes each of its filters, every authentication and every authorization
	 * unless told not to; with {@code management.observations.enable.spring.security=false} (the
	 * default here) nothing is wrapped at all, rather than wrapped in observations that are dropped.
	 */
	@Bean
	SecurityObservationSettings securityObservations(
			@Value("${management.observations.enable.spring.security:true}") boolean enabled) {
		return enabled ? SecurityObservationSettings.withDefaults().build() : SecurityObservationSettings.noObservations();
	}

	@Bean
	JwtDecoder jwtDecoder(IdentityProperties properties, ObjectProvider<DevTokenIssuer> devIssuer) {
		if (properties.embeddedIssuer()) {
			DevTokenIssuer issuer = devIssuer.getObject();
			NimbusJwtDecoder decoder = issuer.decoder();
			decoder.setJwtValidator(validator(issuer.issuer(), properties));
			return new ValidatedTokens(decoder);
		}
		String issuerUri = properties.issuerUri();
		if (!properties.audienceRequired()) {
			log.warn("OAUTH2_AUDIENCE is not set: any token of {} is accepted, also one the provider issued for "
					+ "another application; set it to the portal's audience", issuerUri);
		}
		// resolved on first use, so the portal starts while the identity provider is still starting
		return new ValidatedTokens(new GuardedJwtDecoder(new SupplierJwtDecoder(() -> {
			NimbusJwtDecoder decoder = (NimbusJwtDecoder) JwtDecoders.fromIssuerLocation(issuerUri);
			decoder.setJwtValidator(validator(issuerUri, properties));
			return decoder;
		})));
	}

	/** Scopes as authorities, for HTTP requests and WebSocket connections alike. */
	static JwtAuthenticationConverter jwtAuthenticationConverter() {
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(new ScopeAuthoritiesConverter());
		return converter;
	}

	/** {@code exp} is required; a token that never expires is refused. */
	static JwtTimestampValidator timestamps(IdentityProperties properties) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setAllowEmptyExpiryClaim(false);
		return timestamps;
	}

	/** Every token names its subject and expires; two callers without {@code sub} must not become one. */
	private static OAuth2TokenValidator<Jwt> validator(String issuer, IdentityProperties properties) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(timestamps(properties));
		validators.add(new JwtIssuerValidator(issuer));
		validators.add(new JwtClaimValidator<Object>(JwtClaimNames.SUB, sub -> sub instanceof String s && !s.isBlank()));
		if (properties.audienceRequired()) {
			String audience = properties.audience();
			validators.add(new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(audience)));
		}
		return JwtValidators.createDefaultWithValidators(validators);
	}

}
