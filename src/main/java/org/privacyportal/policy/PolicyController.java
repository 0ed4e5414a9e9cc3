package org.privacyportal.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.execution.DataFetcherResult;

import org.privacyportal.api.Connections;
import org.privacyportal.api.Page;
import org.privacyportal.policy.PolicyViews.AcknowledgePolicyPayload;
import org.privacyportal.policy.PolicyViews.PolicyAcknowledgementView;
import org.privacyportal.policy.PolicyViews.PublishPolicyVersionInput;
import org.privacyportal.policy.PolicyViews.PublishPolicyVersionPayload;
import org.privacyportal.security.Caller;
import org.privacyportal.security.Scopes;
import org.privacyportal.subject.SubjectService;
import org.privacyportal.subject.SubjectViews.SubjectView;

import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

@Controller
class PolicyController {

	private final PolicyService policies;

	private final SubjectService subjects;

	PolicyController(PolicyService policies, SubjectService subjects) {
		this.policies = policies;
		this.subjects = subjects;
	}

	@QueryMapping
	PolicyView privacyPolicy(Locale locale) {
		return policies.inForce(locale.getLanguage());
	}

	@QueryMapping
	DataFetcherResult<Window<PolicyView>> policyVersions(ScrollSubrange subrange, Locale locale) {
		return Connections.of(policies.versions(Page.of(subrange), locale.getLanguage()), policies::versionCount);
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_ADMIN)
	PublishPolicyVersionPayload publishPolicyVersion(@Argument PublishPolicyVersionInput input,
			Authentication authentication, Locale locale) {
		return policies.publish(Caller.of(authentication), input, locale.getLanguage());
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_SELF)
	AcknowledgePolicyPayload acknowledgePolicy(@Argument String version, Authentication authentication) {
		return policies.acknowledge(subjects.current(Caller.of(authentication)).id(), version);
	}

	@BatchMapping(typeName = "Subject")
	Map<SubjectView, PolicyAcknowledgementView> policyAcknowledgement(List<SubjectView> subjects) {
		Map<String, PolicyAcknowledgementView> acknowledgements = policies.acknowledgements(ids(subjects));
		Map<SubjectView, PolicyAcknowledgementView> bySubject = new HashMap<>();
		subjects.forEach(subject -> {
			PolicyAcknowledgementView acknowledgement = acknowledgements.get(subject.id());
			if (acknowledgement != null) {
				bySubject.put(subject, acknowledgement);
			}
		});
		return bySubject;
	}

	@BatchMapping(typeName = "Subject")
	Map<SubjectView, Boolean> policyAcknowledgementRequired(List<SubjectView> subjects) {
		Map<String, PolicyAcknowledgementView> acknowledgements = policies.acknowledgements(ids(subjects));
		Map<SubjectView, Boolean> bySubject = new HashMap<>();
		subjects.forEach(subject -> bySubject.put(subject, !acknowledgements.containsKey(subject.id())));
		return bySubject;
	}

	private static Set<String> ids(List<SubjectView> subjects) {
		return subjects.stream().map(SubjectView::id).collect(Collectors.toSet());
	}

}
