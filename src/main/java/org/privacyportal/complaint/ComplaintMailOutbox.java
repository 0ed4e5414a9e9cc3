package org.privacyportal.complaint;

import org.privacyportal.notification.MailOutbox;

import org.springframework.stereotype.Component;

/** Complaint mail (received, reply, decided) waits in each complaint's {@code outbox}. */
@Component
class ComplaintMailOutbox implements MailOutbox {

	@Override
	public String collection() {
		return Complaint.COLLECTION;
	}

}
