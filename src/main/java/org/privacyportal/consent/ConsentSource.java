package org.privacyportal.consent;

public enum ConsentSource {

	DEFAULT, SUBJECT, STAFF, GLOBAL_PRIVACY_CONTROL

}
