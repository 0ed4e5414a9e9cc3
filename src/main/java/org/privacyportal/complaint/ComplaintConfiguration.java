package org.privacyportal.complaint;

import java.util.List;
import java.util.Map;

import org.privacyportal.notification.MailOutbox;
import org.privacyportal.personaldata.Erasure;
import org.privacyportal.personaldata.PersonalData;
import org.privacyportal.personaldata.SubjectCollection;
import org.privacyportal.report.CaseCollection;
import org.privacyportal.report.CaseCollection.Closing;
import org.privacyportal.report.CaseCollection.Outcome;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the shared parts need to know of complaints: their subject data, their lifecycle and report
 * figures, their outbox.
 */
@Configuration(proxyBeanMethods = false)
class ComplaintConfiguration {

	static final String[] ORDER = { "filedAt", "_id" };

	/**
	 * The subject's complaints, one row each in an export; the conversation is
	 * {@link ComplaintMessageSection}. Erasure empties what the subject wrote and was told (summary,
	 * description, the conversation, the remedy) and any mail still waiting about it. Category, status
	 * and dates stay: they hold nothing about the person and are what the staff report counts.
	 */
	private static final SubjectCollection<Complaint> COMPLAINTS = SubjectCollection.of(Complaint.class)
		.exported("complaints", "Your complaints", 1100, ORDER)
		.column("id", Complaint::id)
		.column("category", Complaint::category)
		.column("summary", Complaint::summary)
		.column("description", Complaint::description)
		.column("status", Complaint::status)
		.column("filedAt", Complaint::filedAt)
		.column("acknowledgedAt", Complaint::acknowledgedAt)
		.column("dueAt", Complaint::dueAt)
		.column("closedAt", Complaint::closedAt)
		.column("remedy", Complaint::remedy)
		.erasedBy(Erasure.clear("remedy")
			.set("summary", "")
			.set("description", "")
			.set("messages", List.of())
			.with(MailOutbox::clear)
			.stamp("erasedAt"));

	@Bean
	PersonalData.SectionAndEraser complaintData(PersonalData personalData) {
		return personalData.sectionAndEraser(COMPLAINTS);
	}

	/** In the staff report a resolved complaint counts as completed. */
	@Bean
	CaseCollection complaintCases() {
		return new CaseCollection("COMPLAINT", Complaint.COLLECTION, "filedAt",
				Map.of(ComplaintStatus.RESOLVED, new Closing(Outcome.COMPLETED, "closedAt"), ComplaintStatus.DISMISSED,
						new Closing(Outcome.DISMISSED, "closedAt")));
	}

	/** The mail announcing a change waits in the document that changed. */
	@Bean
	MailOutbox complaintMailOutbox() {
		return () -> Complaint.COLLECTION;
	}

}
