package org.privacyportal.correction;

import org.privacyportal.notification.MailOutbox;

import org.springframework.stereotype.Component;

/** Correction requests carry the mails announcing their changes. */
@Component
class CorrectionMailOutbox implements MailOutbox {

	@Override
	public String collection() {
		return CorrectionRequest.COLLECTION;
	}

}
