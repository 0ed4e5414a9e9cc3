package org.privacyportal.api;

import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;

import org.springframework.graphql.server.WebGraphQlRequest;

/** What the interceptors that act on mutations only (idempotency keys, rate limits) ask of a request. */
final class Operations {

	private Operations() {
	}

	/** Whether the operation the request runs is a mutation; a document that does not parse is not. */
	static boolean isMutation(WebGraphQlRequest request) {
		try {
			return Parser.parse(request.getDocument())
				.getDefinitionsOfType(OperationDefinition.class)
				.stream()
				.filter(op -> request.getOperationName() == null || request.getOperationName().equals(op.getName()))
				.anyMatch(op -> op.getOperation() == OperationDefinition.Operation.MUTATION);
		}
		catch (InvalidSyntaxException ex) {
			return false;
		}
	}

}
