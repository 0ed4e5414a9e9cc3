package org.privacyportal.consent;

public enum ConsentBasis {

	REQUIRED, OPT_OUT, OPT_IN

}
