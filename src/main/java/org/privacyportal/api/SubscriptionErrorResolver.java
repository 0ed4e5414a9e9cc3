package org.privacyportal.api;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Classifies what fails a subscription, which {@link ErrorResolver} does not see: a subscription's
 * errors travel in its publisher. Anything else stays an {@code INTERNAL_ERROR} without detail.
 */
@Component
class SubscriptionErrorResolver extends SubscriptionExceptionResolverAdapter {

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex) {
		if (ex instanceof NotFoundException) {
			return error(ErrorType.NOT_FOUND, ex.getMessage());
		}
		if (ex instanceof BadInputException) {
			return error(ErrorType.BAD_REQUEST, ex.getMessage());
		}
		if (ex instanceof AuthenticationException) {
			return error(ErrorType.UNAUTHORIZED, "A bearer token is required in connection_init");
		}
		if (ex instanceof AccessDeniedException) {
			return error(ErrorType.FORBIDDEN, "Forbidden");
		}
		return null;
	}

	private static GraphQLError error(ErrorType type, String message) {
		return GraphqlErrorBuilder.newError().errorType(type).message(message).build();
	}

}
