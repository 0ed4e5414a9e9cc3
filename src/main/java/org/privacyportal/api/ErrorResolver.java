package org.privacyportal.api;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * Classifies the portal's own exceptions, and a store that cannot be reached as {@code UNAVAILABLE}
 * (the driver recovers by itself once it is back), with messages in the caller's language. Anything
 * else is left to Spring for GraphQL, which answers {@code INTERNAL_ERROR} with no detail; it is
 * logged here with its stack trace instead.
 */
@Component
class ErrorResolver extends DataFetcherExceptionResolverAdapter {

	private static final Logger log = LoggerFactory.getLogger(ErrorResolver.class);

	private final MessageSource messages;

	ErrorResolver(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		if (ex instanceof NotFoundException notFound) {
			return error(env, ErrorType.NOT_FOUND, notFound.text());
		}
		if (ex instanceof BadInputException badInput) {
			return error(env, ErrorType.BAD_REQUEST, badInput.text());
		}
		if (ex instanceof DataAccessResourceFailureException || ex instanceof MongoTimeoutException
				|| ex instanceof MongoSocketException) {
			log.warn("The store could not be reached for {}: {}", env.getExecutionStepInfo().getPath(),
					ex.getClass().getSimpleName());
			return error(env, ErrorClassification.errorClassification("UNAVAILABLE"),
					new Message("error.unavailable"));
		}
		if (!isSecurityException(ex)) {
			log.error("Unexpected failure in {}", env.getExecutionStepInfo().getPath(), ex);
		}
		return null;
	}

	private static boolean isSecurityException(Throwable ex) {
		return ex.getClass().getName().startsWith("org.springframework.security.");
	}

	private GraphQLError error(DataFetchingEnvironment env, ErrorClassification type, Message message) {
		return GraphqlErrorBuilder.newError(env).errorType(type).message(message.in(messages, env.getLocale())).build();
	}

}
