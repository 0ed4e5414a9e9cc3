package org.privacyportal.api;

/** A request the API refuses as malformed; its message is written for the caller and is shown. */
public class BadInputException extends RuntimeException {

	private final Message text;

	public BadInputException(Message text) {
		super(text.key());
		this.text = text;
	}

	public Message text() {
		return text;
	}

}
