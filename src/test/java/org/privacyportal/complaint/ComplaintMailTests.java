package org.privacyportal.complaint;

import java.time.Instant;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacyportal.complaint.ComplaintCalls.updated;

/** The mail a complaint sends, as it arrives over SMTP: never an internal note. */
class ComplaintMailTests extends PortalIntegrationTest {

	private static final String FILED = "data.fileComplaint.complaint";

	private static final String SECRET = "staff-only";

	@Test
	void filingAReplyAndTheResolutionAreMailedAndNotesNeverAre() throws Exception {
		PortalClient alice = newSubject();
		Person person = welcomed(alice);
		GraphQlResponse filed = alice.document("fileComplaint", "category", "UNWANTED_MARKETING", "summary",
				"Marketing mail after I said no", "description", "I withdrew my consent and still get offers.");
		String id = filed.text(FILED + ".id");
		MimeMessage received = awaitMailOf(person.id(), person.email(), 2).get(1);

		updated(staff(), id, "status", "ACKNOWLEDGED", "internalNote", SECRET + ": check the campaign tool");
		updated(staff(), id, "reply", "We are looking into it and will write again.", "internalNote",
				SECRET + ": ask marketing");
		MimeMessage reply = awaitMailOf(person.id(), person.email(), 3).get(2);
		alice.document("replyToComplaint", "complaintId", id, "body", "Thank you.");
		updated(staff(), id, "status", "RESOLVED", "reply", "Sorry for the trouble.", "remedy",
				"We removed you from every campaign list.", "internalNote", SECRET + ": tool misconfigured");
		MimeMessage resolved = awaitMailOf(person.id(), person.email(), 4).get(3);
		mailWorker.deliverAll();

		assertThat(received.getSubject()).isEqualTo("We received your complaint");
		assertThat(body(received)).contains("Hello " + person.name() + ",")
			.contains("We received your complaint of " + inMail(Instant.parse(filed.text(FILED + ".filedAt")))
					+ ":\n\n  Marketing mail after I said no\n")
			.contains("looking into it by " + inMail(Instant.parse(filed.text(FILED + ".acknowledgeBy"))))
			.contains("our answer by " + inMail(Instant.parse(filed.text(FILED + ".resolveBy"))))
			.contains("Complaint reference: " + id);
		assertThat(reply.getSubject()).isEqualTo("A reply to your complaint");
		assertThat(body(reply)).contains("We replied to your complaint \"Marketing mail after I said no\":\n\n"
				+ "We are looking into it and will write again.\n");
		assertThat(resolved.getSubject()).isEqualTo("Your complaint was resolved");
		assertThat(body(resolved)).contains("Your complaint \"Marketing mail after I said no\" was resolved.\n\n"
				+ "Sorry for the trouble.\n\nWe removed you from every campaign list.\n\nSign in")
			.doesNotContain("RESOLVED");
		List<MimeMessage> all = mailTo(person.email());
		assertThat(all).hasSize(4);
		for (MimeMessage mail : all) {
			assertThat(body(mail) + mail.getSubject()).as(mail.getSubject()).doesNotContain(SECRET);
		}
	}

	@Test
	void aDismissalIsMailedWithWhy() throws Exception {
		PortalClient alice = newSubject();
		Person person = welcomed(alice);
		String id = ComplaintCalls.file(alice, "OTHER");

		updated(staff(), id, "status", "DISMISSED", "remedy", "This concerns another company's site.");
		MimeMessage dismissed = awaitMailOf(person.id(), person.email(), 3).get(2);

		assertThat(dismissed.getSubject()).isEqualTo("Your complaint was dismissed");
		assertThat(body(dismissed)).contains("Your complaint \"Summary of OTHER\" was dismissed.\n\n"
				+ "This concerns another company's site.\n\nSign in")
			.doesNotContain("DISMISSED");
	}

}
