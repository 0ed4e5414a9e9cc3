package org.privacyportal.consent;

import reactor.core.publisher.Mono;

import org.privacyportal.security.Caller;
import org.privacyportal.security.Scopes;
import org.privacyportal.subject.SubjectService;

import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * A self-service request carrying {@code Sec-GPC: 1} (Global Privacy Control) withdraws
 * third-party sharing and advertising cookies before the request runs, so the answer already
 * shows it.
 */
@Component
class GlobalPrivacyControlInterceptor implements WebGraphQlInterceptor, Ordered {

	private final SubjectService subjects;

	private final ConsentService consents;

	GlobalPrivacyControlInterceptor(SubjectService subjects, ConsentService consents) {
		this.subjects = subjects;
		this.consents = consents;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if ("1".equals(request.getHeaders().getFirst("Sec-GPC")) && authentication instanceof JwtAuthenticationToken
				&& authentication.getAuthorities().stream()
					.anyMatch(a -> a.getAuthority().equals(Scopes.AUTHORITY_PREFIX + Scopes.SELF))) {
			consents.applyGlobalPrivacyControl(subjects.current(Caller.of(authentication)).id());
		}
		return chain.next(request);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 20;
	}

}
