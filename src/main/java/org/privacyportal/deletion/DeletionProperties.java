package org.privacyportal.deletion;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Executing deletion requests.
 *
 * @param sweepInterval how often each instance looks for deletions whose cooling-off is over
 * @param lease how long one run may take an erasure before another instance takes it over
 * @param coolingOff how long a new request waits before the erasure, during which the subject may
 * cancel it; the privacy policy promises 14 days, so a shorter one is for tests and demonstrations
 */
@ConfigurationProperties("portal.deletion")
record DeletionProperties(@DefaultValue("PT1M") Duration sweepInterval, @DefaultValue("PT10M") Duration lease,
		@DefaultValue("P14D") Duration coolingOff) {
}
