package org.privacyportal.export;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.UserError;

/** The GraphQL types of the export feature. */
final class ExportViews {

	private ExportViews() {
	}

	/**
	 * {@code DataExport}. The subject and the failure reason travel along for the download link and
	 * for staff; {@code downloadUrl} and {@code failureReason} are resolved per caller.
	 */
	record DataExportView(String id, String subjectId, ExportFormat format, ExportStatus status, Instant requestedAt,
			@Nullable Instant completedAt, @Nullable Instant expiresAt, @Nullable Long sizeBytes,
			@Nullable String failureReason) {
	}

	record RequestDataExportInput(ExportFormat format) {
	}

	record RequestDataExportPayload(@Nullable DataExportView export, List<UserError> userErrors) {
	}

}
