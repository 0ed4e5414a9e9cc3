package org.privacyportal.security;

import java.io.IOException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * {@code graphql-transport-ws} whose connection ends with its token: the token from
 * {@code connection_init} is checked again before every message the client sends and every message
 * the portal sends (so a subscription delivers nothing after {@code exp}), and once it has expired
 * the socket is closed with 4401, as for a token refused at {@code connection_init}.
 */
final class ExpiringTokenWebSocketHandler extends GraphQlWebSocketHandler {

	static final CloseStatus EXPIRED = new CloseStatus(4401, "Unauthorized: the token has expired");

	private final JwtTimestampValidator timestamps;

	ExpiringTokenWebSocketHandler(WebGraphQlHandler handler, HttpMessageConverter<Object> json, Duration initTimeout,
			@Nullable Duration keepAlive, @Nullable CorsConfiguration cors, JwtTimestampValidator timestamps) {
		super(handler, json, initTimeout, keepAlive, cors);
		this.timestamps = timestamps;
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
		if (expired(session)) {
			session.close(EXPIRED);
			return;
		}
		super.handleTextMessage(new CheckedSession(session), message);
	}

	private boolean expired(WebSocketSession session) {
		for (Object attribute : session.getAttributes().values()) {
			if (attribute instanceof SecurityContext context
					&& context.getAuthentication() instanceof JwtAuthenticationToken token) {
				return timestamps.validate(token.getToken()).hasErrors();
			}
		}
		return false;
	}

	/** The session as the handler sends on it: nothing goes out once the token has expired. */
	private final class CheckedSession extends WebSocketSessionDecorator {

		CheckedSession(WebSocketSession session) {
			super(session);
		}

		@Override
		public void sendMessage(WebSocketMessage<?> message) throws IOException {
			if (expired(getDelegate())) {
				getDelegate().close(EXPIRED);
				return;
			}
			super.sendMessage(message);
		}

	}

}
