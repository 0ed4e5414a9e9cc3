package org.privacyportal.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import graphql.GraphqlErrorBuilder;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Caps the subscriptions open at once per WebSocket connection and per subject. A subscription
 * holds a slot from when it is accepted until it completes, fails or is cancelled (also by the
 * connection closing); one over a cap is answered with a {@code BAD_REQUEST} error and never starts.
 */
@Component
class SubscriptionLimitInterceptor implements WebGraphQlInterceptor, Ordered {

	private final SubscriptionLimits limits;

	private final Map<String, Integer> perConnection = new ConcurrentHashMap<>();

	private final Map<String, Integer> perSubject = new ConcurrentHashMap<>();

	private final MessageSource messages;

	SubscriptionLimitInterceptor(SubscriptionLimits limits, MessageSource messages) {
		this.limits = limits;
		this.messages = messages;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (!(request instanceof WebSocketGraphQlRequest webSocket)) {
			return chain.next(request);
		}
		return Mono.deferContextual(context -> {
			JwtAuthenticationToken token = WebSocketCaller.of(context);
			String connection = webSocket.getSessionInfo().getId();
			String subject = token == null ? null : WebSocketCaller.key(token);
			return chain.next(request).map(response -> {
				if (!(response.getData() instanceof Publisher<?> subscription)) {
					return response;
				}
				if (!acquire(perConnection, connection, limits.maxPerConnection())) {
					return refused(response, new Message("error.subscription.per-connection", limits.maxPerConnection()));
				}
				if (subject != null && !acquire(perSubject, subject, limits.maxPerSubject())) {
					release(perConnection, connection);
					return refused(response, new Message("error.subscription.per-subject", limits.maxPerSubject()));
				}
				return response.transform(builder -> builder.data(Flux.from(subscription).doFinally(signal -> {
					release(perConnection, connection);
					if (subject != null) {
						release(perSubject, subject);
					}
				})));
			});
		});
	}

	private static boolean acquire(Map<String, Integer> counts, String key, int max) {
		boolean[] acquired = { false };
		counts.compute(key, (k, open) -> {
			int current = open == null ? 0 : open;
			if (current >= max) {
				return open;
			}
			acquired[0] = true;
			return current + 1;
		});
		return acquired[0];
	}

	private static void release(Map<String, Integer> counts, String key) {
		counts.computeIfPresent(key, (k, open) -> open <= 1 ? null : open - 1);
	}

	private WebGraphQlResponse refused(WebGraphQlResponse response, Message message) {
		return response.transform(builder -> builder.data(null)
			.errors(List.of(GraphqlErrorBuilder.newError()
				.errorType(ErrorType.BAD_REQUEST)
				.message(message.in(messages, response.getExecutionInput().getLocale()))
				.build())));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 6;
	}

}
