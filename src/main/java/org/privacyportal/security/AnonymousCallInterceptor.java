package org.privacyportal.security;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The contract answers a call without a token to a protected field with HTTP 401 and
 * {@code WWW-Authenticate: Bearer}, not with a GraphQL error: failing the exchange with an
 * authentication exception lets the security filter chain's entry point write that answer. Over a
 * WebSocket there is no HTTP answer to give, so the GraphQL error stays.
 */
@Component
class AnonymousCallInterceptor implements WebGraphQlInterceptor, Ordered {

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (request instanceof WebSocketGraphQlRequest) {
			return chain.next(request);
		}
		boolean anonymous = isAnonymous(SecurityContextHolder.getContext().getAuthentication());
		return chain.next(request).map(response -> {
			if (anonymous && response.getErrors().stream().anyMatch(e -> e.getErrorType() == ErrorType.UNAUTHORIZED)) {
				throw new AuthenticationCredentialsNotFoundException("A bearer token is required");
			}
			return response;
		});
	}

	private static boolean isAnonymous(Authentication authentication) {
		return authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
