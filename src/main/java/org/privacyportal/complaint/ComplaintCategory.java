package org.privacyportal.complaint;

/** What a complaint is about (§4, §5). */
enum ComplaintCategory {

	POLICY_VIOLATION, UNWANTED_MARKETING, THIRD_PARTY_SHARING, DATA_ACCURACY, SECURITY_CONCERN, COMPROMISED_PASSWORD,
	OTHER;

	/** A possible breach: acknowledged within 24 hours instead of 72 and first in the staff queue. */
	boolean urgent() {
		return this == SECURITY_CONCERN || this == COMPROMISED_PASSWORD;
	}

}
