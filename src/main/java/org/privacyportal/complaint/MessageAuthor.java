package org.privacyportal.complaint;

enum MessageAuthor {

	SUBJECT, STAFF

}
