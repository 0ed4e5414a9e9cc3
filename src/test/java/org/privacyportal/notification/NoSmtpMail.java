package org.privacyportal.notification;

import java.time.Clock;
import java.util.List;

import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/** For tests outside this package: the portal's mail worker as it runs without SMTP, over the real outboxes. */
public final class NoSmtpMail {

	private NoSmtpMail() {
	}

	public static MailWorker worker(ApplicationContext context) {
		NotificationProperties properties = context.getBean(NotificationProperties.class);
		MailSending logging = new MailSending(context.getBean(MailRecipients.class), context.getBean(MailTemplates.class),
				null, properties);
		return new MailWorker(context.getBean(MongoTemplate.class),
				List.copyOf(context.getBeansOfType(MailOutbox.class).values()), logging, properties,
				context.getBean(Clock.class));
	}

}
