package org.privacyportal.export;

enum ExportStatus {

	PENDING, RUNNING, READY, FAILED, EXPIRED;

	/** Nothing happens to the export any more. */
	boolean isFinal() {
		return this == FAILED || this == EXPIRED;
	}

}
