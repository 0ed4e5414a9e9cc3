package org.privacyportal.api;

/**
 * No such object for this caller. Thrown alike for an id that does not exist and for one that
 * belongs to someone else, so a caller never learns which.
 */
public class NotFoundException extends RuntimeException {

	private final Message text;

	/** {@code what} names the message {@code error.not-found.<what>}, e.g. {@code export}. */
	public NotFoundException(String what) {
		super(what + " not found");
		this.text = new Message("error.not-found." + what);
	}

	public Message text() {
		return text;
	}

}
