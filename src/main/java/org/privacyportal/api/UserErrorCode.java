package org.privacyportal.api;

public enum UserErrorCode {

	INVALID, REQUIRED_PURPOSE, CONFLICT, LIMIT_REACHED, NOT_ALLOWED, LEGAL_HOLD

}
