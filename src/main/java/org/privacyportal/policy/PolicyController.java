package org.privacyportal.policy;

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
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
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
	PolicyView privacyPolicy() {
		return policies.inForce();
	}

	@QueryMapping
	DataFetcherResult<Window<PolicyView>> policyVersions(ScrollSubrange subrange) {
		return Connections.of(policies.versions(Page.of(subrange)), policies::versionCount);
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_ADMIN)
	PublishPolicyVersionPayload publishPolicyVersion(@Argument PublishPolicyVersionInput input,
			Authentication authentication) {
		return policies.publish(Caller.of(authentication), input);
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_SELF)
	AcknowledgePolicyPayload acknowledgePolicy(@Argument String version, Authentication authentication) {
		return policies.acknowledge(subjects.current(Caller.of(authentication)).id(), version);
	}

	@SchemaMapping(typeName = "Subject")
	PolicyAcknowledgementView policyAcknowledgement(SubjectView subject) {
		return policies.acknowledgement(subject.id());
	}

	@SchemaMapping(typeName = "Subject")
	boolean policyAcknowledgementRequired(SubjectView subject) {
		return policies.acknowledgement(subject.id()) == null;
	}

}
