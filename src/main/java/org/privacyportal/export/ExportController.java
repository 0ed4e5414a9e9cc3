package org.privacyportal.export;

import java.util.List;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Flux;

import org.privacyportal.api.Connections;
import org.privacyportal.api.Page;
import org.privacyportal.export.ExportViews.DataExportView;
import org.privacyportal.export.ExportViews.RequestDataExportInput;
import org.privacyportal.export.ExportViews.RequestDataExportPayload;
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
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

@Controller
class ExportController {

	private final ExportService exports;

	private final SubjectService subjects;

	private final DownloadLinks links;

	private final SystemTasks systems;

	ExportController(ExportService exports, SubjectService subjects, DownloadLinks links, SystemTasks systems) {
		this.exports = exports;
		this.subjects = subjects;
		this.links = links;
		this.systems = systems;
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_SELF)
	RequestDataExportPayload requestDataExport(@Argument RequestDataExportInput input, Authentication authentication) {
		return exports.request(subjects.current(Caller.of(authentication)).id(), input);
	}

	/** The subject was already resolved for this caller (their own, or any for staff). */
	@SchemaMapping(typeName = "Subject")
	DataFetcherResult<Window<DataExportView>> exports(SubjectView subject, ScrollSubrange subrange) {
		return Connections.of(exports.list(subject.id(), Page.of(subrange)), () -> exports.count(subject.id()));
	}

	@SubscriptionMapping
	@PreAuthorize(Scopes.IS_SELF)
	Flux<DataExportView> dataExportUpdated(@Argument String id, Authentication authentication) {
		return exports.watch(subjects.current(Caller.of(authentication)).id(), id);
	}

	/**
	 * A fresh link each time it is read, so a page that polls always shows one that works. The link
	 * is a credential for the subject: staff, who reach any subject's exports, are not given one.
	 */
	@SchemaMapping(typeName = "DataExport")
	String downloadUrl(DataExportView export, Authentication authentication, DataFetchingEnvironment env) {
		return Audience.of(authentication, env) == Audience.SUBJECT && export.status() == ExportStatus.READY
				? links.issue(export.id(), export.subjectId()) : null;
	}

	/** Each data system's part of the export; the subject sees names and statuses only. */
	@SchemaMapping(typeName = "DataExport")
	List<SystemTaskView> systemTasks(DataExportView export) {
		return systems.ofRequest(export.id());
	}

	/** Internal detail for staff; the subject sees only the status. */
	@SchemaMapping(typeName = "DataExport")
	String failureReason(DataExportView export, Authentication authentication, DataFetchingEnvironment env) {
		return Audience.of(authentication, env) == Audience.STAFF ? export.failureReason() : null;
	}

}
