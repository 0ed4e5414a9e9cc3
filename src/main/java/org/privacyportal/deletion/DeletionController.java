package org.privacyportal.deletion;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.execution.DataFetcherResult;

import org.privacyportal.api.Connections;
import org.privacyportal.api.Page;
import org.privacyportal.deletion.DeletionViews.DeletionRequestPayload;
import org.privacyportal.deletion.DeletionViews.DeletionRequestView;
import org.privacyportal.deletion.DeletionViews.RequestDeletionInput;
import org.privacyportal.request.RequestFilter;
import org.privacyportal.request.RequestStatus;
import org.privacyportal.security.Caller;
import org.privacyportal.security.Scopes;
import org.privacyportal.subject.SubjectService;
import org.privacyportal.subject.SubjectViews.SubjectView;

import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

@Controller
class DeletionController {

	private final DeletionService deletions;

	private final SubjectService subjects;

	DeletionController(DeletionService deletions, SubjectService subjects) {
		this.deletions = deletions;
		this.subjects = subjects;
	}

	@QueryMapping
	@PreAuthorize(Scopes.IS_STAFF)
	DataFetcherResult<Window<DeletionRequestView>> deletionRequests(@Argument RequestFilter filter,
			ScrollSubrange subrange) {
		return Connections.of(deletions.queue(filter, Page.of(subrange)), () -> deletions.count(filter));
	}

	@SchemaMapping(typeName = "Subject")
	DeletionRequestView deletionRequest(SubjectView subject) {
		return deletions.open(subject.id());
	}

	/**
	 * A legal hold is staff business, like {@code Subject.legalHold}: self callers always get null.
	 * Staff see the hold as it stands now on every open request.
	 */
	@BatchMapping(typeName = "DeletionRequest")
	Map<DeletionRequestView, DeletionBlocker> blockedBy(List<DeletionRequestView> requests,
			Authentication authentication) {
		Map<DeletionRequestView, DeletionBlocker> blocked = new HashMap<>();
		if (!Caller.of(authentication).isStaff()) {
			return blocked;
		}
		List<DeletionRequestView> open = requests.stream().filter(r -> RequestStatus.OPEN.contains(r.status())).toList();
		Set<String> held = subjects.onLegalHold(open.stream().map(DeletionRequestView::subjectId).toList());
		open.stream().filter(r -> held.contains(r.subjectId())).forEach(r -> blocked.put(r, DeletionBlocker.LEGAL_HOLD));
		return blocked;
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_SELF)
	DeletionRequestPayload requestDeletion(@Argument RequestDeletionInput input, Authentication authentication) {
		return deletions.request(subjects.current(Caller.of(authentication)).id(), input);
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_SELF)
	DeletionRequestPayload cancelDeletionRequest(@Argument String id, Authentication authentication) {
		return deletions.cancel(subjects.current(Caller.of(authentication)).id(), id);
	}

}
