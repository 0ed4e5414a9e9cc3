package org.privacyportal.api;

import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The bearer-token caller of a GraphQL request as an interceptor sees it: over a WebSocket it
 * travels in the Reactor context (written by the connection's authentication interceptor), over
 * HTTP on the thread.
 */
final class WebSocketCaller {

	private WebSocketCaller() {
	}

	static @Nullable JwtAuthenticationToken of(ContextView context) {
		Authentication authentication = context.<SecurityContext>getOrEmpty(SecurityContext.class.getName())
			.map(SecurityContext::getAuthentication)
			.orElseGet(() -> SecurityContextHolder.getContext().getAuthentication());
		return authentication instanceof JwtAuthenticationToken token ? token : null;
	}

	/** Issuer and subject: the same {@code sub} from another issuer is another person. */
	static String key(JwtAuthenticationToken token) {
		return token.getToken().getClaimAsString("iss") + "\n" + token.getName();
	}

}
