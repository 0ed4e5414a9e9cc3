package org.privacyportal.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Writes the errors Spring for GraphQL classifies itself ({@code UNAUTHORIZED}, {@code FORBIDDEN},
 * {@code INTERNAL_ERROR}) and the query limits' refusals in the language of the execution, and hands
 * that language to a subscription's publisher, whose later errors {@link SubscriptionErrorResolver}
 * writes.
 */
@Component
class ErrorLanguage implements WebGraphQlInterceptor, Ordered {

	/** The key of the execution's locale in a subscription's Reactor context. */
	static final String LOCALE = ErrorLanguage.class.getName() + ".locale";

	private static final Map<ErrorClassification, String> BUILT_IN = Map.of(ErrorType.UNAUTHORIZED,
			"error.unauthorized", ErrorType.FORBIDDEN, "error.forbidden", ErrorType.INTERNAL_ERROR, "error.internal");

	private final MessageSource messages;

	ErrorLanguage(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map(response -> {
			ExecutionInput input = response.getExecutionInput();
			List<GraphQLError> errors = response.getExecutionResult().getErrors();
			WebGraphQlResponse written = errors.stream().noneMatch(error -> text(error, input) != null) ? response
					: response.transform(builder -> builder.errors(errors.stream().map(e -> written(e, input)).toList()));
			if (!(written.getData() instanceof Publisher<?> subscription) || input.getLocale() == null) {
				return written;
			}
			return written.transform(builder -> builder
				.data(Flux.from(subscription).contextWrite(context -> context.put(LOCALE, input.getLocale()))));
		});
	}

	private static @Nullable Message text(GraphQLError error, ExecutionInput input) {
		if (error instanceof QueryLimits.Exceeded exceeded) {
			return exceeded.text();
		}
		String key = BUILT_IN.get(error.getErrorType());
		if (key == null) {
			return null;
		}
		return error.getErrorType() == ErrorType.INTERNAL_ERROR
				? new Message(key, String.valueOf(input.getExecutionId())) : new Message(key);
	}

	private GraphQLError written(GraphQLError error, ExecutionInput input) {
		Message message = text(error, input);
		if (message == null) {
			return error;
		}
		return GraphqlErrorBuilder.newError()
			.errorType(error.getErrorType())
			.message(message.in(messages, input.getLocale()))
			.locations(error.getLocations())
			.path(error.getPath())
			.extensions(error.getExtensions())
			.build();
	}

	static @Nullable Locale locale(ContextView context) {
		return context.getOrDefault(LOCALE, null);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 20;
	}

}
