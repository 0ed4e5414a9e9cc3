package org.privacyportal.api;

import java.time.Duration;
import java.util.Optional;

import graphql.ErrorClassification;
import reactor.core.publisher.Mono;

import org.privacyportal.api.RateLimiter.Limit;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Counts mutations per subject, over HTTP and WebSocket alike. Over HTTP a refusal is thrown, so
 * {@link RateLimitedExceptionResolver} answers 429; over a WebSocket there is no status to set, so it
 * is a GraphQL error classified {@code RATE_LIMITED}.
 */
@Component
class MutationRateLimitInterceptor implements WebGraphQlInterceptor, Ordered {

	private final RateLimiter limiter;

	private final MessageSource messages;

	private final DocumentCache documents;

	MutationRateLimitInterceptor(RateLimiter limiter, MessageSource messages, DocumentCache documents) {
		this.limiter = limiter;
		this.messages = messages;
		this.documents = documents;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (!limiter.enabled()) {
			return chain.next(request);
		}
		return Mono.deferContextual(context -> {
			JwtAuthenticationToken token = WebSocketCaller.of(context);
			if (token == null || !documents.isMutation(request)) {
				return chain.next(request);
			}
			Optional<Duration> wait = limiter.tryAcquire(Limit.MUTATIONS, WebSocketCaller.key(token));
			if (wait.isEmpty()) {
				return chain.next(request);
			}
			RateLimitedException refusal = new RateLimitedException(wait.get());
			if (request instanceof WebSocketGraphQlRequest) {
				return Mono.just(RefusedRequests.answer(request,
						ErrorClassification.errorClassification(RateLimitedException.CLASSIFICATION), refusal.text(), messages));
			}
			return Mono.error(refusal);
		});
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 5;
	}

}
