package org.privacyportal.export;

import org.privacyportal.notification.MailOutbox;

import org.springframework.stereotype.Component;

/** The export-ready mail waits in the export's {@code outbox}. */
@Component
class ExportMailOutbox implements MailOutbox {

	@Override
	public String collection() {
		return "exports";
	}

}
