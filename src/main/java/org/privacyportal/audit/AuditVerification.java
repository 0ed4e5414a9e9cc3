package org.privacyportal.audit;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of checking a subject's chain: {@code firstBrokenSeq} is where an edited, inserted or
 * removed event was found.
 */
public record AuditVerification(boolean valid, long eventsChecked, @Nullable Long firstBrokenSeq) {
}
