package org.privacyportal.api;

import java.util.List;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.MessageSource;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolver;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Classifies what fails a subscription, which {@link ErrorResolver} does not see: a subscription's
 * errors travel in its publisher, which carries the caller's locale ({@link ErrorLanguage}).
 * Anything else is an {@code INTERNAL_ERROR} without detail, logged here.
 */
@Component
class SubscriptionErrorResolver implements SubscriptionExceptionResolver {

	private static final Logger log = LoggerFactory.getLogger(SubscriptionErrorResolver.class);

	private final MessageSource messages;

	SubscriptionErrorResolver(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	public Mono<List<GraphQLError>> resolveException(Throwable ex) {
		if (ex instanceof NotFoundException notFound) {
			return error(ErrorType.NOT_FOUND, notFound.text());
		}
		if (ex instanceof BadInputException badInput) {
			return error(ErrorType.BAD_REQUEST, badInput.text());
		}
		if (ex instanceof AuthenticationException) {
			return error(ErrorType.UNAUTHORIZED, new Message("error.subscription.unauthorized"));
		}
		if (ex instanceof AccessDeniedException) {
			return error(ErrorType.FORBIDDEN, new Message("error.forbidden"));
		}
		log.error("A subscription failed", ex);
		return error(ErrorType.INTERNAL_ERROR, new Message("error.subscription.failed"));
	}

	private Mono<List<GraphQLError>> error(ErrorClassification type, Message message) {
		return Mono.deferContextual(context -> Mono.just(List.of(GraphqlErrorBuilder.newError()
			.errorType(type)
			.message(message.in(messages, ErrorLanguage.locale(context)))
			.build())));
	}

}
