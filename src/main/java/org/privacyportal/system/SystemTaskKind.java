package org.privacyportal.system;

/** What a data system is asked to do. */
public enum SystemTaskKind {

	ACCESS("access.requested"), ERASURE("erasure.requested"), CONSENT_CHANGE("consent.changed");

	private final String eventType;

	SystemTaskKind(String eventType) {
		this.eventType = eventType;
	}

	/** The {@code type} of the webhook. */
	String eventType() {
		return eventType;
	}

}
