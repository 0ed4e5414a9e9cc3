package org.privacyportal.export;

import org.privacyportal.notification.MailOutbox;
import org.privacyportal.personaldata.PersonalData;
import org.privacyportal.personaldata.PersonalDataSection;
import org.privacyportal.personaldata.SubjectCollection;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The subject's export requests in an export, this one included; the files themselves are copies,
 * not data. {@link ExportEraser} erases both.
 */
@Configuration(proxyBeanMethods = false)
class ExportConfiguration {

	private static final SubjectCollection<DataExport> EXPORTS = SubjectCollection.of(DataExport.class)
		.exported("dataExports", "Copies of your data you asked for", 900, "requestedAt", "_id")
		.column("requestedAt", DataExport::requestedAt)
		.column("format", DataExport::format)
		.column("status", DataExport::status)
		.column("completedAt", DataExport::completedAt)
		.column("expiresAt", DataExport::expiresAt);

	@Bean
	PersonalDataSection exportSection(PersonalData personalData) {
		return personalData.section(EXPORTS);
	}

	/** The export-ready mail waits in the export's outbox. */
	@Bean
	MailOutbox exportMailOutbox() {
		return () -> DataExport.COLLECTION;
	}

}
