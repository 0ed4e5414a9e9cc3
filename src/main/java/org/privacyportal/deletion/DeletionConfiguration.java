package org.privacyportal.deletion;

import java.util.Map;

import org.privacyportal.report.CaseCollection;
import org.privacyportal.report.CaseCollection.Closing;
import org.privacyportal.report.CaseCollection.Outcome;
import org.privacyportal.request.RequestKind;
import org.privacyportal.request.RequestStatus;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the shared parts need to know of deletion requests. */
@Configuration(proxyBeanMethods = false)
class DeletionConfiguration {

	@Bean
	RequestKind deletionRequests() {
		return new RequestKind("deletion", DeletionRequest.class);
	}

	/** In the staff report a deletion is completed when the data was erased; it is never rejected. */
	@Bean
	CaseCollection deletionCases() {
		return new CaseCollection("DELETION", DeletionRequest.COLLECTION, "submittedAt",
				Map.of(RequestStatus.COMPLETED, new Closing(Outcome.COMPLETED, "completedAt"), RequestStatus.CANCELLED,
						new Closing(Outcome.CANCELLED, "cancelledAt")));
	}

}
