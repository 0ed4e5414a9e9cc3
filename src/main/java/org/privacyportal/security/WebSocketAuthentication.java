package org.privacyportal.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.support.BearerTokenAuthenticationExtractor;
import org.springframework.graphql.server.webmvc.AuthenticationWebSocketInterceptor;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * GraphQL over WebSocket (subscriptions): browsers cannot send an Authorization header with the
 * handshake, so the bearer token comes in the {@code connection_init} payload,
 * {@code {"Authorization": "Bearer <token>"}}. It is checked by the same decoder as HTTP requests;
 * a bad token closes the connection with 4401, and the caller's identity applies to every
 * subscription of the connection.
 */
@Configuration(proxyBeanMethods = false)
class WebSocketAuthentication {

	@Bean
	AuthenticationWebSocketInterceptor webSocketAuthenticationInterceptor(JwtDecoder jwtDecoder) {
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider(jwtDecoder);
		provider.setJwtAuthenticationConverter(SecurityConfiguration.jwtAuthenticationConverter());
		return new AuthenticationWebSocketInterceptor(new BearerTokenAuthenticationExtractor(),
				new ProviderManager(provider));
	}

}
