package org.privacyportal.consent;

import java.util.List;
import java.util.Locale;

import graphql.execution.DataFetcherResult;
import org.jspecify.annotations.Nullable;

import org.privacyportal.api.Connections;
import org.privacyportal.api.Page;
import org.privacyportal.consent.ConsentViews.ConsentEventView;
import org.privacyportal.consent.ConsentViews.ConsentSettingsView;
import org.privacyportal.consent.ConsentViews.DefinePurposeInput;
import org.privacyportal.consent.ConsentViews.PurposePayload;
import org.privacyportal.consent.ConsentViews.RetirePurposeInput;
import org.privacyportal.consent.ConsentViews.UpdateConsentsInput;
import org.privacyportal.consent.ConsentViews.UpdateConsentsPayload;
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
class ConsentController {

	private final ConsentService consents;

	private final PurposeAdministration administration;

	private final SubjectService subjects;

	ConsentController(ConsentService consents, PurposeAdministration administration, SubjectService subjects) {
		this.consents = consents;
		this.administration = administration;
		this.subjects = subjects;
	}

	@QueryMapping
	List<ConsentPurposeView> consentPurposes(@Argument @Nullable Boolean includeRetired, Locale locale) {
		return consents.purposes(Boolean.TRUE.equals(includeRetired), locale.getLanguage());
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_ADMIN)
	PurposePayload definePurpose(@Argument DefinePurposeInput input, Authentication authentication, Locale locale) {
		return administration.define(Caller.of(authentication), input, locale.getLanguage());
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_ADMIN)
	PurposePayload retirePurpose(@Argument RetirePurposeInput input, Authentication authentication, Locale locale) {
		return administration.retire(Caller.of(authentication), input, locale.getLanguage());
	}

	@SchemaMapping(typeName = "Subject")
	ConsentSettingsView consents(SubjectView subject, Locale locale) {
		return consents.settings(subject.id(), locale.getLanguage());
	}

	@SchemaMapping(typeName = "ConsentSettings")
	DataFetcherResult<Window<ConsentEventView>> history(ConsentSettingsView settings, ScrollSubrange subrange) {
		return Connections.of(consents.history(settings.subjectId(), Page.of(subrange)),
				() -> consents.historySize(settings.subjectId()));
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_SELF)
	UpdateConsentsPayload updateConsents(@Argument UpdateConsentsInput input, Authentication authentication,
			Locale locale) {
		return consents.update(subjects.current(Caller.of(authentication)).id(), input, locale.getLanguage());
	}

}
