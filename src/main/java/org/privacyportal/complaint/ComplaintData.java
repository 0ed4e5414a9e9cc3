package org.privacyportal.complaint;

import java.util.List;

import org.privacyportal.notification.MailOutbox;
import org.privacyportal.personaldata.Erasure;
import org.privacyportal.personaldata.PersonalData;
import org.privacyportal.personaldata.SubjectCollection;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The subject's complaints, one row each in an export; the conversation is
 * {@link ComplaintMessageSection}. Erasure empties what the subject wrote and was told (summary,
 * description, the conversation, the remedy) and any mail still waiting about it. Category, status
 * and dates stay: they hold nothing about the person and are what the staff report counts.
 */
@Configuration(proxyBeanMethods = false)
class ComplaintData {

	static final String[] ORDER = { "filedAt", "_id" };

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
	PersonalData.SectionAndEraser complaints(PersonalData personalData) {
		return personalData.sectionAndEraser(COMPLAINTS);
	}

}
