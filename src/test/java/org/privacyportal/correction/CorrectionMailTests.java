package org.privacyportal.correction;

import java.time.Instant;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The mail a correction request sends, as it arrives over SMTP. */
class CorrectionMailTests extends PortalIntegrationTest {

	private static final String SUBMIT = "data.submitCorrectionRequest.request";

	private static final String REVIEW = "data.reviewCorrectionRequest.request";

	@Test
	void submittingAndApprovingAreMailedInWordsAPersonReads() throws Exception {
		PortalClient alice = newSubject();
		Person person = welcomed(alice);
		GraphQlResponse submitted = alice.document("submitCorrection", "field", "PHONE", "proposedValue",
				"+41 44 668 18 00");
		String id = submitted.text(SUBMIT + ".id");

		MimeMessage received = awaitMailOf(person.id(), person.email(), 2).get(1);

		assertThat(received.getSubject()).isEqualTo("We received your correction request");
		assertThat(body(received)).contains("Hello " + person.name() + ",")
			.contains("On " + inMail(Instant.parse(submitted.text(SUBMIT + ".submittedAt")))
					+ " you asked us to correct your phone number to:\n\n  +41446681800\n")
			.contains("answer by " + inMail(Instant.parse(submitted.text(SUBMIT + ".dueAt"))) + ".")
			.contains("Request reference: " + id)
			.doesNotContain("PHONE");

		GraphQlResponse approved = staff().document("reviewCorrection", "id", id, "decision", "APPROVE");
		MimeMessage decided = awaitMailOf(person.id(), person.email(), 3).get(2);

		assertThat(decided.getSubject()).isEqualTo("Your correction request was approved");
		assertThat(body(decided))
			.contains("On " + inMail(Instant.parse(approved.text(REVIEW + ".decidedAt")))
					+ " we approved your request to correct\nyour phone number.\n\nSign in to the Privacy Portal")
			.contains("Request reference: " + id)
			.doesNotContain("APPROVE");
	}

	@Test
	void aRejectionIsMailedWithTheNoteWrittenToTheSubject() throws Exception {
		PortalClient alice = newSubject();
		Person person = welcomed(alice);
		String id = alice.document("submitCorrection", "field", "POSTAL_ADDRESS", "proposedValue",
				"{\"line1\": \"Main Street 1\", \"postalCode\": \"8001\", \"city\": \"Zurich\", \"country\": \"CH\"}")
			.text(SUBMIT + ".id");
		MimeMessage received = awaitMailOf(person.id(), person.email(), 2).get(1);

		staff().document("reviewCorrection", "id", id, "decision", "REJECT", "note",
				"We could not find this street in Zurich. Please check it and ask again.");
		MimeMessage rejected = awaitMailOf(person.id(), person.email(), 3).get(2);

		assertThat(body(received)).contains("to correct your postal address to:\n\n  Main Street 1, 8001 Zurich, CH\n")
			.doesNotContain("{")
			.doesNotContain("line1");
		assertThat(rejected.getSubject()).isEqualTo("Your correction request was rejected");
		assertThat(body(rejected)).contains("we rejected your request to correct\nyour postal address.\n\n"
				+ "We could not find this street in Zurich. Please check it and ask again.\n\nSign in")
			.doesNotContain("REJECT");
	}

	@Test
	void anExtendedDeadlineIsMailedWithItsNewDateAndReason() throws Exception {
		PortalClient alice = newSubject();
		Person person = welcomed(alice);
		String id = alice.document("submitCorrection", "field", "ORGANIZATION", "proposedValue", "Example AG")
			.text(SUBMIT + ".id");

		GraphQlResponse extended = staff().document("extendDeadline", "requestId", id, "days", 20, "reason",
				"We are checking the company register.");
		List<MimeMessage> mails = awaitMailOf(person.id(), person.email(), 3);

		assertThat(mails).extracting(MimeMessage::getSubject)
			.containsExactly("Your registration with the Privacy Portal", "We received your correction request",
					"We need more time for your correction request");
		assertThat(body(mails.get(2)))
			.contains("dealt with it by " + inMail(Instant.parse(extended.text("data.extendRequestDeadline.dueAt"))) + " at the latest.")
			.contains("Why we need more time:\n\nWe are checking the company register.\n")
			.contains("Request reference: " + id);
	}

}
