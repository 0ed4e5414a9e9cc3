package org.privacyportal.disclosure;

/** Why personal information was disclosed (§1, §6). */
enum DisclosureBasis {

	LEGAL_PROCESS, PROTECT_RIGHTS, SAFETY, MERGER_OR_ACQUISITION, VENDOR_PROCESSING

}
