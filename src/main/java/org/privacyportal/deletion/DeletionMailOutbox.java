package org.privacyportal.deletion;

import org.privacyportal.notification.MailOutbox;

import org.springframework.stereotype.Component;

/** Deletion requests carry the mails announcing their changes. */
@Component
class DeletionMailOutbox implements MailOutbox {

	@Override
	public String collection() {
		return DeletionRequest.COLLECTION;
	}

}
