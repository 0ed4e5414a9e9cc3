package org.privacyportal.export;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The export worker and download links.
 *
 * @param pollInterval how often each instance's worker looks for exports to build
 * @param lease how long a claimed export stays with its worker without a renewal; a crashed
 * instance's export is picked up again once it runs out
 * @param maxAttempts builds that may be interrupted (crash, lost lease) before the export is
 * marked {@code FAILED}
 * @param updatePollInterval how often a {@code dataExportUpdated} subscription re-reads its export,
 * which catches changes made by other instances
 * @param linkSecret HMAC key of the download links, at least 32 characters; unset means one
 * generated once and kept in {@code PORTAL_DATA_DIR}, so several instances need it set to the same
 * value (or a shared data directory)
 */
@ConfigurationProperties("portal.export")
record ExportProperties(@DefaultValue("10s") Duration pollInterval, @DefaultValue("2m") Duration lease,
		@DefaultValue("3") int maxAttempts, @DefaultValue("1s") Duration updatePollInterval,
		@Nullable String linkSecret) {

	ExportProperties {
		if (!positive(pollInterval) || !positive(lease) || !positive(updatePollInterval) || maxAttempts < 1) {
			throw new IllegalArgumentException(
					"portal.export.poll-interval, lease and update-poll-interval must be positive, max-attempts at least 1");
		}
	}

	private static boolean positive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

}
