package org.privacyportal.deletion;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.privacyportal.notification.NoSmtpMail;
import org.privacyportal.security.Scopes;
import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole journey, from registration to erasure, with every mail both logged (as without SMTP) and
 * sent, leaves none of the person's values in the log; a complaint summary trying to forge a log line
 * is in it too.
 */
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataInLogTests extends PortalIntegrationTest {

	@Autowired
	DeletionWorker deletions;

	@Autowired
	ApplicationContext context;

	@Test
	void aWholeJourneyLeavesNoPersonalValueInTheLog(CapturedOutput output) {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String name = "Quentin Zarkowski" + tag;
		String email = "quentin." + tag + "@example.com";
		String phone = "+41 79 555 " + tag.replaceAll("[^0-9]", "3").substring(0, 4);
		String complaint = "Please stop calling " + phone + " Zephyrine" + tag;
		PortalClient quentin = as("log-" + UUID.randomUUID(), List.of(Scopes.SELF), email, name);
		String id = quentin.document("me").text("data.me.id");
		quentin.document("updateConsents", "changes", List.of(Map.of("purposeKey", "analytics", "granted", false)),
				"channel", "web");
		String correction = quentin.document("submitCorrection", "field", "PHONE", "proposedValue", phone)
			.text("data.submitCorrectionRequest.request.id");
		staff().document("reviewCorrection", "id", correction, "decision", "APPROVE");
		GraphQlResponse filed = quentin.document("fileComplaint", "category", "UNWANTED_MARKETING", "summary",
				"Calls\r\nERROR forged " + tag, "description", complaint);
		assertThat(filed.path("data.fileComplaint.userErrors")).isEmpty();
		quentin.document("requestDataExport", "format", "ZIP");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> quentin.document("myExports").rawBody().contains("\"status\":\"READY\""));
		String link = quentin.document("myExports").text("data.me.exports.edges.0.node.downloadUrl");
		assertThat(anonymous().get(link).status()).isEqualTo(200);
		quentin.document("requestDeletion", "reason", "Moving away " + name);
		deliverEveryMailLoggedThenSent();
		clock.advance(Duration.ofDays(14));

		assertThat(deletions.executeDue()).isEqualTo(1);
		deliverEveryMailLoggedThenSent();

		assertThat(output.getOut()).as("the mails were logged").contains("for subject " + id + " logged");
		// GreenMail, the suite's stand-in for the mail server, logs the addresses it receives for; it is not the portal
		assertThat(output.getAll().lines().filter(line -> !line.contains("c.icegreen.greenmail"))
			.filter(line -> line.contains(tag) || line.contains(phone)
				|| line.contains(email) || line.contains("Zarkowski") || line.contains("Zephyrine")).toList())
			.isEmpty();
	}

	private void deliverEveryMailLoggedThenSent() {
		NoSmtpMail.worker(context).deliverAll();
		mailWorker.deliverAll();
	}

}
