package org.privacyportal.complaint;

import java.util.List;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import org.jspecify.annotations.Nullable;

import org.privacyportal.api.Connections;
import org.privacyportal.api.Page;
import org.privacyportal.complaint.ComplaintViews.ComplaintFilter;
import org.privacyportal.complaint.ComplaintViews.ComplaintMessageView;
import org.privacyportal.complaint.ComplaintViews.ComplaintPayload;
import org.privacyportal.complaint.ComplaintViews.ComplaintView;
import org.privacyportal.complaint.ComplaintViews.FileComplaintInput;
import org.privacyportal.complaint.ComplaintViews.ReplyToComplaintInput;
import org.privacyportal.complaint.ComplaintViews.UpdateComplaintInput;
import org.privacyportal.security.Audience;
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
class ComplaintController {

	private final ComplaintService complaints;

	private final SubjectService subjects;

	ComplaintController(ComplaintService complaints, SubjectService subjects) {
		this.complaints = complaints;
		this.subjects = subjects;
	}

	@SchemaMapping(typeName = "Subject", field = "complaints")
	DataFetcherResult<Window<ComplaintView>> subjectComplaints(SubjectView subject, ScrollSubrange subrange) {
		return Connections.of(complaints.ofSubject(subject.id(), Page.of(subrange)),
				() -> complaints.countOfSubject(subject.id()));
	}

	@QueryMapping
	@PreAuthorize(Scopes.IS_STAFF)
	DataFetcherResult<Window<ComplaintView>> complaints(@Argument @Nullable ComplaintFilter filter,
			ScrollSubrange subrange) {
		return Connections.of(complaints.queue(filter, Page.of(subrange)), () -> complaints.countQueue(filter));
	}

	/** Internal notes are for staff; the subject's view of the conversation never carries them. */
	@SchemaMapping(typeName = "Complaint")
	List<ComplaintMessageView> messages(ComplaintView complaint, Authentication authentication,
			DataFetchingEnvironment env) {
		return Audience.of(authentication, env) == Audience.STAFF ? complaint.messages()
				: complaint.forSubject().messages();
	}

	@SchemaMapping(typeName = "Complaint")
	@Nullable String assignee(ComplaintView complaint, Authentication authentication, DataFetchingEnvironment env) {
		return Audience.of(authentication, env) == Audience.STAFF ? complaint.assignee() : null;
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_SELF)
	ComplaintPayload fileComplaint(@Argument FileComplaintInput input, Authentication authentication) {
		return complaints.file(subjects.current(Caller.of(authentication)).id(), input);
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_SELF)
	ComplaintPayload replyToComplaint(@Argument ReplyToComplaintInput input, Authentication authentication) {
		return complaints.reply(subjects.current(Caller.of(authentication)).id(), input);
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_STAFF)
	ComplaintPayload updateComplaint(@Argument UpdateComplaintInput input, Authentication authentication) {
		return complaints.update(Caller.of(authentication), input);
	}

}
