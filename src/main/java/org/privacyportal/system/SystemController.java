package org.privacyportal.system;

import java.time.Instant;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;

import org.privacyportal.api.Connections;
import org.privacyportal.api.Page;
import org.privacyportal.security.Audience;
import org.privacyportal.security.Caller;
import org.privacyportal.security.Scopes;
import org.privacyportal.system.SystemViews.CompleteSystemTaskInput;
import org.privacyportal.system.SystemViews.DataSystemPayload;
import org.privacyportal.system.SystemViews.DataSystemView;
import org.privacyportal.system.SystemViews.RegisterDataSystemInput;
import org.privacyportal.system.SystemViews.RegisterDataSystemPayload;
import org.privacyportal.system.SystemViews.SystemTaskPayload;
import org.privacyportal.system.SystemViews.SystemTaskView;
import org.privacyportal.system.SystemViews.UpdateDataSystemInput;

import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

@Controller
class SystemController {

	private final SystemRegistry registry;

	private final SystemAnswers answers;

	private final SystemTasks tasks;

	private final MongoTemplate mongo;

	SystemController(SystemRegistry registry, SystemAnswers answers, SystemTasks tasks, MongoTemplate mongo) {
		this.registry = registry;
		this.answers = answers;
		this.tasks = tasks;
		this.mongo = mongo;
	}

	@QueryMapping
	@PreAuthorize(Scopes.IS_STAFF)
	DataFetcherResult<Window<DataSystemView>> dataSystems(ScrollSubrange subrange) {
		return Connections.of(registry.list(Page.of(subrange)), registry::count);
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_ADMIN)
	RegisterDataSystemPayload registerDataSystem(@Argument RegisterDataSystemInput input) {
		return registry.register(input);
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_ADMIN)
	DataSystemPayload updateDataSystem(@Argument UpdateDataSystemInput input) {
		return registry.update(input);
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_ADMIN)
	RegisterDataSystemPayload rotateDataSystemSecret(@Argument String id) {
		return registry.rotateSecret(id);
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_STAFF)
	SystemTaskPayload completeSystemTask(@Argument CompleteSystemTaskInput input, Authentication authentication) {
		var errors = answers.completeByStaff(Caller.of(authentication).subject(), input.taskId(), input.note());
		if (!errors.isEmpty()) {
			return new SystemTaskPayload(null, errors);
		}
		return new SystemTaskPayload(tasks.toView(mongo.findById(input.taskId(), SystemTask.class)), errors);
	}

	@SchemaMapping(typeName = "SystemTask")
	DataSystemView system(SystemTaskView task) {
		return SystemRegistry.toView(registry.get(task.systemId()));
	}

	/** Staff's note; the subject sees each system's name and the task's status. */
	@SchemaMapping(typeName = "SystemTask")
	String note(SystemTaskView task, Authentication authentication, DataFetchingEnvironment env) {
		return Audience.of(authentication, env) == Audience.STAFF ? task.note() : null;
	}

	@SchemaMapping(typeName = "DataSystem")
	String endpoint(DataSystemView system, Authentication authentication, DataFetchingEnvironment env) {
		return Audience.of(authentication, env) == Audience.STAFF ? system.endpoint() : null;
	}

	@SchemaMapping(typeName = "DataSystem")
	Instant lastDeliveryAt(DataSystemView system, Authentication authentication, DataFetchingEnvironment env) {
		return Audience.of(authentication, env) == Audience.STAFF ? system.lastDeliveryAt() : null;
	}

	@SchemaMapping(typeName = "DataSystem")
	String lastFailure(DataSystemView system, Authentication authentication, DataFetchingEnvironment env) {
		return Audience.of(authentication, env) == Audience.STAFF ? system.lastFailure() : null;
	}

}
