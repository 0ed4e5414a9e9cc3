package org.privacyportal.correction;

import graphql.execution.DataFetcherResult;

import org.privacyportal.api.Connections;
import org.privacyportal.api.Page;
import org.privacyportal.correction.CorrectionViews.CorrectionRequestPayload;
import org.privacyportal.correction.CorrectionViews.CorrectionRequestView;
import org.privacyportal.correction.CorrectionViews.ReviewCorrectionRequestInput;
import org.privacyportal.correction.CorrectionViews.SubmitCorrectionRequestInput;
import org.privacyportal.correction.CorrectionViews.SubmitCorrectionRequestPayload;
import org.privacyportal.request.RequestFilter;
import org.privacyportal.security.Caller;
import org.privacyportal.security.Scopes;
import org.privacyportal.subject.SubjectService;
import org.privacyportal.subject.SubjectViews.SubjectView;

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
class CorrectionController {

	private final CorrectionService corrections;

	private final SubjectService subjects;

	CorrectionController(CorrectionService corrections, SubjectService subjects) {
		this.corrections = corrections;
		this.subjects = subjects;
	}

	@QueryMapping
	@PreAuthorize(Scopes.IS_STAFF)
	DataFetcherResult<Window<CorrectionRequestView>> correctionRequests(@Argument RequestFilter filter,
			ScrollSubrange subrange) {
		return Connections.of(corrections.queue(filter, Page.of(subrange)), () -> corrections.count(filter));
	}

	@SchemaMapping(typeName = "Subject")
	DataFetcherResult<Window<CorrectionRequestView>> correctionRequests(SubjectView subject, ScrollSubrange subrange) {
		return Connections.of(corrections.ofSubject(subject.id(), Page.of(subrange)),
				() -> corrections.countOfSubject(subject.id()));
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_SELF)
	SubmitCorrectionRequestPayload submitCorrectionRequest(@Argument SubmitCorrectionRequestInput input,
			Authentication authentication) {
		return corrections.submit(subjects.current(Caller.of(authentication)).id(), input);
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_SELF)
	CorrectionRequestPayload cancelCorrectionRequest(@Argument String id, Authentication authentication) {
		return corrections.cancel(subjects.current(Caller.of(authentication)).id(), id);
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_STAFF)
	CorrectionRequestPayload reviewCorrectionRequest(@Argument ReviewCorrectionRequestInput input,
			Authentication authentication) {
		return corrections.review(Caller.of(authentication), input);
	}

}
