package org.privacyportal.notification;

import org.privacyportal.personaldata.Erasure;
import org.privacyportal.personaldata.PersonalData;
import org.privacyportal.personaldata.SubjectCollection;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The record of which mails went to a subject, exported and deleted. The mails' content lives in the
 * outboxes of the features' documents until it is sent, and goes with them.
 */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

	static final SubjectCollection<MailDelivery> DELIVERIES = SubjectCollection.of(MailDelivery.class)
		.exported("mailDeliveries", "Mail we sent you", 1500, "createdAt", "_id")
		.column("mail", MailDelivery::template)
		.column("status", MailDelivery::status)
		.column("createdAt", MailDelivery::createdAt)
		.column("finishedAt", MailDelivery::finishedAt)
		.erasedBy(Erasure.delete());

	@Bean
	PersonalData.SectionAndEraser mailDeliveries(PersonalData personalData) {
		return personalData.sectionAndEraser(DELIVERIES);
	}

}
