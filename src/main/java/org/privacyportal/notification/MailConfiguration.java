package org.privacyportal.notification;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mail.javamail.JavaMailSender;

@Configuration(proxyBeanMethods = false)
class MailConfiguration {

	private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

	/** Boot defines a {@link JavaMailSender} only when {@code spring.mail.host} is set. */
	@Bean
	MailWorker mailWorker(MongoTemplate mongo, ObjectProvider<MailOutbox> outboxes, MailRecipients recipients,
			MailTemplates templates, ObjectProvider<JavaMailSender> sender, NotificationProperties properties,
			Clock clock) {
		JavaMailSender smtp = sender.getIfAvailable();
		if (smtp == null) {
			log.info("Mail: no SMTP server configured (spring.mail.host), mail is logged and kept in the outbox");
		}
		return new MailWorker(mongo, outboxes.orderedStream().toList(), recipients, templates, smtp, properties, clock);
	}

}
