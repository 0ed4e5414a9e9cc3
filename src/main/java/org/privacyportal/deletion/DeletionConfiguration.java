package org.privacyportal.deletion;

import org.privacyportal.request.RequestKind;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the shared parts need to know of deletion requests. */
@Configuration(proxyBeanMethods = false)
class DeletionConfiguration {

	@Bean
	RequestKind deletionRequests() {
		return new RequestKind("deletion", DeletionRequest.class);
	}

}
