package org.privacyportal.audit;

import graphql.execution.DataFetcherResult;

import org.privacyportal.api.Connections;
import org.privacyportal.api.Page;
import org.privacyportal.security.Scopes;

import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class AuditController {

	private final AuditService audit;

	AuditController(AuditService audit) {
		this.audit = audit;
	}

	@QueryMapping
	@PreAuthorize(Scopes.IS_STAFF)
	DataFetcherResult<Window<AuditEventView>> auditTrail(@Argument String subjectId, ScrollSubrange subrange) {
		return Connections.of(audit.trail(subjectId, Page.of(subrange)), () -> audit.count(subjectId));
	}

	@QueryMapping
	@PreAuthorize(Scopes.IS_STAFF)
	AuditVerification auditTrailVerification(@Argument String subjectId) {
		return audit.verify(subjectId);
	}

}
