package org.privacyportal.security;

import graphql.execution.ExecutionStepInfo;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;

import org.springframework.security.core.Authentication;

/**
 * Whom a field is answered for. Staff-only data (legal holds, failure reasons, internal notes,
 * confidential disclosures, assignees) is answered for staff only, and not when they reach it through
 * a root field marked {@code @selfService} in the schema ({@code me}, the self-service mutations and
 * subscriptions): a person who holds both scopes sees their own data as any subject does.
 */
public enum Audience {

	SUBJECT, STAFF;

	static final String SELF_SERVICE = "selfService";

	public static Audience of(Authentication authentication, DataFetchingEnvironment env) {
		if (!Caller.of(authentication).isStaff() || rootField(env).hasAppliedDirective(SELF_SERVICE)) {
			return SUBJECT;
		}
		return STAFF;
	}

	/** The top-level field the value was reached through. */
	private static GraphQLFieldDefinition rootField(DataFetchingEnvironment env) {
		ExecutionStepInfo step = env.getExecutionStepInfo();
		while (step.getParent() != null && step.getParent().getParent() != null) {
			step = step.getParent();
		}
		return step.getFieldDefinition();
	}

}
