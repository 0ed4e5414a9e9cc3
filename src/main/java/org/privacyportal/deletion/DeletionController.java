package org.privacyportal.deletion;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.privacyportal.api.Connections;
import org.privacyportal.api.Page;
import org.privacyportal.deletion.DeletionViews.DeletionRequestPayload;
import org.privacyportal.deletion.DeletionViews.DeletionRequestView;
import org.privacyportal.deletion.DeletionViews.RequestDeletionInput;
import org.privacyportal.request.RequestFilter;
import org.privacyportal.request.RequestStatus;
import org.privacyportal.security.Audience;
import org.privacyportal.security.Caller;
import org.privacyportal.security.Scopes;
import org.privacyportal.subject.SubjectService;
import org.privacyportal.subject.SubjectViews.SubjectView;
import org.privacyportal.system.SystemTasks;
import org.privacyportal.system.SystemViews.SystemTaskView;

import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

@Controller
class DeletionController {

	private final DeletionService deletions;

	private final SubjectService subjects;

	private final SystemTasks systems;

	DeletionController(DeletionService deletions, SubjectService subjects, SystemTasks systems,
			BatchLoaderRegistry loaders) {
		this.deletions = deletions;
		this.subjects = subjects;
		this.systems = systems;
		loaders.forTypePair(String.class, DeletionBlocker.class)
			.registerMappedBatchLoader((subjectIds, env) -> Mono.fromSupplier(() -> subjects.onLegalHold(subjectIds)
				.stream()
				.collect(Collectors.toMap(Function.identity(), held -> DeletionBlocker.LEGAL_HOLD))));
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
	 * A legal hold is staff business, like {@code Subject.legalHold}: subjects always get null.
	 * Staff see the hold as it stands now on every open request.
	 */
	@SchemaMapping(typeName = "DeletionRequest")
	CompletableFuture<DeletionBlocker> blockedBy(DeletionRequestView request, DataLoader<String, DeletionBlocker> holds,
			Authentication authentication, DataFetchingEnvironment env) {
		if (Audience.of(authentication, env) == Audience.SUBJECT || !RequestStatus.OPEN.contains(request.status())) {
			return CompletableFuture.completedFuture(null);
		}
		return holds.load(request.subjectId());
	}

	/** Each data system's part of the erasure; the subject sees names and statuses only. */
	@SchemaMapping(typeName = "DeletionRequest")
	List<SystemTaskView> systemTasks(DeletionRequestView request) {
		return systems.ofRequest(request.id());
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
