package org.privacyportal.correction;

import org.privacyportal.request.RequestKind;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the shared parts need to know of correction requests. */
@Configuration(proxyBeanMethods = false)
class CorrectionConfiguration {

	@Bean
	RequestKind correctionRequests() {
		return new RequestKind("correction", CorrectionRequest.class);
	}

}
