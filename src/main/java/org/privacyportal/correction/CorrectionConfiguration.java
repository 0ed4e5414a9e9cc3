package org.privacyportal.correction;

import java.util.Map;

import org.privacyportal.report.CaseCollection;
import org.privacyportal.report.CaseCollection.Closing;
import org.privacyportal.report.CaseCollection.Outcome;
import org.privacyportal.request.RequestKind;
import org.privacyportal.request.RequestStatus;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the shared parts need to know of correction requests. */
@Configuration(proxyBeanMethods = false)
class CorrectionConfiguration {

	@Bean
	RequestKind correctionRequests() {
		return new RequestKind("correction", CorrectionRequest.class);
	}

	/** In the staff report an approved correction counts as completed. */
	@Bean
	CaseCollection correctionCases() {
		return new CaseCollection("CORRECTION", CorrectionRequest.COLLECTION, "submittedAt",
				Map.of(RequestStatus.APPROVED, new Closing(Outcome.COMPLETED, "closedAt"), RequestStatus.REJECTED,
						new Closing(Outcome.REJECTED, "closedAt"), RequestStatus.CANCELLED,
						new Closing(Outcome.CANCELLED, "closedAt")));
	}

}
