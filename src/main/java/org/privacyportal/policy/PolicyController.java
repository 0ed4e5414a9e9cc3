package org.privacyportal.policy;

import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

@Controller
class PolicyController {

	private final PolicyService policies;

	PolicyController(PolicyService policies) {
		this.policies = policies;
	}

	@QueryMapping
	PolicyView privacyPolicy() {
		return policies.inForce();
	}

}
