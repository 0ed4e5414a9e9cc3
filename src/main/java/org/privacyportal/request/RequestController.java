package org.privacyportal.request;

import org.privacyportal.request.RequestViews.ExtendRequestDeadlineInput;
import org.privacyportal.request.RequestViews.ExtendRequestDeadlinePayload;
import org.privacyportal.security.Caller;
import org.privacyportal.security.Scopes;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

@Controller
class RequestController {

	private final RequestService requests;

	RequestController(RequestService requests) {
		this.requests = requests;
	}

	@MutationMapping
	@PreAuthorize(Scopes.IS_STAFF)
	ExtendRequestDeadlinePayload extendRequestDeadline(@Argument ExtendRequestDeadlineInput input,
			Authentication authentication) {
		return requests.extendDeadline(Caller.of(authentication), input);
	}

}
