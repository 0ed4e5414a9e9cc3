package org.privacyportal.subject;

/** The profile fields a subject can ask to have corrected. */
public enum ProfileField {

	FULL_NAME, EMAIL, PHONE, POSTAL_ADDRESS, ORGANIZATION

}
