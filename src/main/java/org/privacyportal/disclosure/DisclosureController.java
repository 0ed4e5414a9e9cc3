package org.privacyportal.disclosure;

import java.time.Instant;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import org.jspecify.annotations.Nullable;

import org.privacyportal.api.Connections;
import org.privacyportal.api.Page;
import org.privacyportal.disclosure.DisclosureViews.DisclosureView;
import org.privacyportal.disclosure.DisclosureViews.RecordDisclosureInput;
import org.privacyportal.disclosure.DisclosureViews.RecordDisclosurePayload;
import org.privacyportal.security.Audience;
import org.privacyportal.security.Caller;
import org.privacyportal.security.Scopes;
import org.privacyportal.subject.SubjectViews.SubjectView;

import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

@Controller
class DisclosureController {

	private final DisclosureService disclosures;

	DisclosureController(DisclosureService disclosures) {
		this.disclosures = disclosures;
	}

	/** Staff see every disclosure; the subject only those no longer confidential. */
	@SchemaMapping(typeName = "Subject")
	DataFetcherResult<Window<DisclosureView>> disclosures(SubjectView subject, ScrollSubrange subrange,
			Authentication authentication, DataFetchingEnvironment env) {
		boolean staff = Audience.of(authentication, env) == Audience.STAFF;
		return Connections.of(disclosures.ofSubject(subject.id(), staff, Page.of(subrange)),
				() -> disclosures.countOfSubject(subject.id(), staff));
	}

	@SchemaMapping(typeName = "Disclosure")
	@Nullable Instant confidentialUntil(DisclosureView disclosure, Authentication authentication,
			DataFetchingEnvironment env) {
		return Audience.of(authentication, env) == Audience.STAFF ? disclosure.confidentialUntil() : null;
	}

	@SchemaMapping(typeName = "Disclosure")
	@Nullable String recordedBy(DisclosureView disclosure, Authentication authentication, DataFetchingEnvironment env) {
		return Audience.of(authentication, env) == Audience.STAFF ? disclosure.recordedBy() : null;
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_STAFF)
	RecordDisclosurePayload recordDisclosure(@Argument RecordDisclosureInput input, Authentication authentication) {
		return disclosures.record(Caller.of(authentication), input);
	}

}
