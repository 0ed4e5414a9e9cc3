package org.privacyportal.subject;

/** How personal information was obtained (§1). */
public enum CollectionSource {

	REGISTRATION, SERVICE_USE, SURVEY, INFORMATION_REQUEST, SWEEPSTAKES, STAFF_ENTRY

}
