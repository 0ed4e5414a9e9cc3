package org.privacyportal.api;

/**
 * No such object for this caller. Thrown alike for an id that does not exist and for one that
 * belongs to someone else, so a caller never learns which.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what) {
		super(what + " not found");
	}

}
