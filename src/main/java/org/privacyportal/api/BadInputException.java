package org.privacyportal.api;

/** A request the API refuses as malformed; its message is written for the caller and is shown. */
public class BadInputException extends RuntimeException {

	public BadInputException(String message) {
		super(message);
	}

}
