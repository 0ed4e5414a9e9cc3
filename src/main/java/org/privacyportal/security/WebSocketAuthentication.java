package org.privacyportal.security;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.support.BearerTokenAuthenticationExtractor;
import org.springframework.graphql.server.webmvc.AuthenticationWebSocketInterceptor;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * GraphQL over WebSocket (subscriptions): browsers cannot send an Authorization header with the
 * handshake, so the bearer token comes in the {@code connection_init} payload,
 * {@code {"Authorization": "Bearer <token>"}}. It is checked by the same decoder as HTTP requests;
 * a bad token closes the connection with 4401, and the caller's identity applies to every
 * operation of the connection until the token expires ({@link ExpiringTokenWebSocketHandler}).
 */
@Configuration(proxyBeanMethods = false)
class WebSocketAuthentication {

	/** First, so the caller is in the Reactor context of every interceptor after it. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	AuthenticationWebSocketInterceptor webSocketAuthenticationInterceptor(JwtDecoder jwtDecoder) {
		JwtAuthenticationProvider provider = new JwtAuthenticationProvider(jwtDecoder);
		provider.setJwtAuthenticationConverter(SecurityConfiguration.jwtAuthenticationConverter());
		return new AuthenticationWebSocketInterceptor(new BearerTokenAuthenticationExtractor(),
				new ProviderManager(provider));
	}

	/**
	 * Boot's handler with the same settings, which otherwise never looks at the token again; the
	 * handshake's {@code Origin} is checked against the CORS entry of its path.
	 */
	@Bean
	GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler handler, GraphQlProperties graphQl,
			UrlBasedCorsConfigurationSource cors, JsonMapper json, IdentityProperties identity) {
		return new ExpiringTokenWebSocketHandler(handler, new JacksonJsonHttpMessageConverter(json),
				graphQl.getWebsocket().getConnectionInitTimeout(), graphQl.getWebsocket().getKeepAlive(),
				cors.getCorsConfigurations().get(graphQl.getWebsocket().getPath()),
				SecurityConfiguration.timestamps(identity));
	}

}
