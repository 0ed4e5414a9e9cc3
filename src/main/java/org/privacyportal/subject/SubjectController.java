package org.privacyportal.subject;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;

import org.privacyportal.api.Connections;
import org.privacyportal.api.Page;
import org.privacyportal.security.Audience;
import org.privacyportal.security.Caller;
import org.privacyportal.security.Scopes;
import org.privacyportal.subject.SubjectViews.SetLegalHoldInput;
import org.privacyportal.subject.SubjectViews.SubjectFilter;
import org.privacyportal.subject.SubjectViews.SubjectPayload;
import org.privacyportal.subject.SubjectViews.SubjectView;
import org.privacyportal.subject.SubjectViews.UpdatePreferencesInput;

import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

@Controller
class SubjectController {

	private final SubjectService subjects;

	SubjectController(SubjectService subjects) {
		this.subjects = subjects;
	}

	@QueryMapping
	@PreAuthorize(Scopes.IS_SELF)
	SubjectView me(Authentication authentication) {
		return subjects.current(Caller.of(authentication));
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_SELF)
	SubjectPayload updatePreferences(@Argument UpdatePreferencesInput input, Authentication authentication) {
		return subjects.updatePreferences(Caller.of(authentication), input);
	}

	@QueryMapping
	@PreAuthorize(Scopes.IS_STAFF)
	SubjectView subject(@Argument String id) {
		return subjects.find(id).orElse(null);
	}

	@QueryMapping
	@PreAuthorize(Scopes.IS_STAFF)
	DataFetcherResult<Window<SubjectView>> subjects(@Argument SubjectFilter filter, ScrollSubrange subrange) {
		return Connections.of(subjects.search(filter, Page.of(subrange)), () -> subjects.count(filter));
	}

	/** A hold is staff business; self callers always see false. */
	@SchemaMapping(typeName = "Subject")
	boolean legalHold(SubjectView subject, Authentication authentication, DataFetchingEnvironment env) {
		return Audience.of(authentication, env) == Audience.STAFF && subject.legalHold();
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_STAFF)
	SubjectPayload setLegalHold(@Argument SetLegalHoldInput input, Authentication authentication) {
		return subjects.setLegalHold(Caller.of(authentication), input);
	}

}
