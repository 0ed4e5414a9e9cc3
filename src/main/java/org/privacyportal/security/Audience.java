package org.privacyportal.security;

import graphql.execution.ExecutionStepInfo;
import graphql.schema.DataFetchingEnvironment;

import org.springframework.security.core.Authentication;

/**
 * Whom a field is answered for. Staff-only data (internal notes, confidential disclosures,
 * assignees) is answered for staff only, and not when they reach it through {@code me}: a person
 * who holds both scopes sees their own data as any subject does.
 */
public enum Audience {

	SUBJECT, STAFF;

	public static Audience of(Authentication authentication, DataFetchingEnvironment env) {
		if (!Caller.of(authentication).isStaff() || "me".equals(rootField(env))) {
			return SUBJECT;
		}
		return STAFF;
	}

	/** The top-level field the value was reached through, by its name rather than its alias. */
	private static String rootField(DataFetchingEnvironment env) {
		ExecutionStepInfo step = env.getExecutionStepInfo();
		while (step.getParent() != null && step.getParent().getParent() != null) {
			step = step.getParent();
		}
		return step.getFieldDefinition().getName();
	}

}
