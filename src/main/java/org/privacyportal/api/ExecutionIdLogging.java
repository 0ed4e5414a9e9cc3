package org.privacyportal.api;

import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Every log line written while a GraphQL request runs carries its execution id (the one an
 * {@code INTERNAL_ERROR} names), as {@code executionId} in JSON logs. Requests run on the thread
 * that received them, which is the thread that puts and removes the id.
 */
@Component
class ExecutionIdLogging implements WebGraphQlInterceptor, Ordered {

	static final String KEY = "executionId";

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		MDC.put(KEY, request.getId());
		return chain.next(request).doFinally(signal -> MDC.remove(KEY));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
