package org.privacyportal.api;

import java.util.List;

import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;

import org.springframework.context.MessageSource;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;

/**
 * The answer to a request an interceptor refuses before it runs: one error, in the language
 * {@code Accept-Language} asks for, since the caller's own language is looked up later.
 */
final class RefusedRequests {

	private RefusedRequests() {
	}

	static WebGraphQlResponse answer(WebGraphQlRequest request, ErrorClassification type, Message message,
			MessageSource messages) {
		ExecutionResult result = ExecutionResult.newExecutionResult()
			.errors(List.of(GraphqlErrorBuilder.newError()
				.errorType(type)
				.message(message.in(messages, request.getLocale()))
				.build()))
			.build();
		return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
	}

}
