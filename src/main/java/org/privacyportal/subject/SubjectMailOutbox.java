package org.privacyportal.subject;

import org.privacyportal.notification.MailOutbox;

import org.springframework.stereotype.Component;

/** Subjects carry the registration mail in their outbox. */
@Component
class SubjectMailOutbox implements MailOutbox {

	@Override
	public String collection() {
		return Subject.COLLECTION;
	}

}
