package org.privacyportal.export;

import java.time.Instant;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacyportal.export.ExportTestSupport.awaitStatus;

class ExportMailTests extends PortalIntegrationTest {

	@Test
	void aReadyExportIsAnnouncedByMailWithoutAnyWayToDownloadIt() throws Exception {
		PortalClient alice = newSubject();
		Person person = welcomed(alice);
		String id = alice.document("requestDataExport", "format", "ZIP").text("data.requestDataExport.export.id");

		JsonNode ready = awaitStatus(alice, id, "READY");
		List<MimeMessage> mails = awaitMailOf(person.id(), person.email(), 2);

		MimeMessage announcement = mails.get(1);
		String body = body(announcement);
		assertThat(announcement.getSubject()).isEqualTo("Your data export is ready");
		assertThat(body).contains("ZIP", id, inMail(Instant.parse(ready.path("expiresAt").asString())), "sign in");
		assertThat(body).doesNotContain("http", "/exports/", "token=", "download?");
	}

}
