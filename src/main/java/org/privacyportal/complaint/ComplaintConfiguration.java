package org.privacyportal.complaint;

import java.util.Map;

import org.privacyportal.report.CaseCollection;
import org.privacyportal.report.CaseCollection.Closing;
import org.privacyportal.report.CaseCollection.Outcome;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the shared parts need to know of complaints. */
@Configuration(proxyBeanMethods = false)
class ComplaintConfiguration {

	/** In the staff report a resolved complaint counts as completed. */
	@Bean
	CaseCollection complaintCases() {
		return new CaseCollection("COMPLAINT", Complaint.COLLECTION, "filedAt",
				Map.of(ComplaintStatus.RESOLVED, new Closing(Outcome.COMPLETED, "closedAt"), ComplaintStatus.DISMISSED,
						new Closing(Outcome.DISMISSED, "closedAt")));
	}

}
