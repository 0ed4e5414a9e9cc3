package org.privacyportal.deletion;

/** What defers a deletion whose cooling-off period is over. */
enum DeletionBlocker {

	LEGAL_HOLD

}
