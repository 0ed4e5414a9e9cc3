package org.privacyportal.deletion;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The mail a deletion request sends, as it arrives over SMTP, and the mail of a subject's whole history. */
class DeletionMailTests extends PortalIntegrationTest {

	private static final String REQUEST = "data.requestDeletion.request";

	@Autowired
	DeletionWorker worker;

	@Test
	void requestingAndCancellingADeletionAreMailed() throws Exception {
		PortalClient alice = newSubject();
		Person person = welcomed(alice);
		GraphQlResponse requested = alice.document("requestDeletion", "reason", "I no longer use the service");
		String id = requested.text(REQUEST + ".id");
		MimeMessage received = awaitMailOf(person.id(), person.email(), 2).get(1);

		GraphQlResponse cancelled = alice.document("cancelDeletion", "id", id);
		MimeMessage cancellation = awaitMailOf(person.id(), person.email(), 3).get(2);

		assertThat(received.getSubject()).isEqualTo("We received your deletion request");
		assertThat(body(received)).contains("Hello " + person.name() + ",")
			.contains("On " + inMail(Instant.parse(requested.text(REQUEST + ".submittedAt"))) + " you asked us to delete")
			.contains("Until " + inMail(Instant.parse(requested.text(REQUEST + ".scheduledFor")))
					+ " you can change your mind")
			.contains("Request reference: " + id)
			.doesNotContain("I no longer use the service");
		assertThat(cancellation.getSubject()).isEqualTo("Your deletion request was cancelled");
		assertThat(body(cancellation))
			.contains("cancelled on " + inMail(Instant.parse(cancelled.text("data.cancelDeletionRequest.request.cancelledAt"))))
			.contains("Request reference: " + id);
	}

	@Test
	void anExtendedDeletionDeadlineIsMailedWithItsReason() throws Exception {
		PortalClient alice = newSubject();
		Person person = welcomed(alice);
		String id = alice.document("requestDeletion").text(REQUEST + ".id");

		GraphQlResponse extended = staff().document("extendDeadline", "requestId", id, "days", 10, "reason",
				"A legal question about your contracts is still open.");
		List<MimeMessage> mails = awaitMailOf(person.id(), person.email(), 3);

		assertThat(mails.get(2).getSubject()).isEqualTo("We need more time for your deletion request");
		assertThat(body(mails.get(2)))
			.contains("dealt with it by " + inMail(Instant.parse(extended.text("data.extendRequestDeadline.dueAt"))))
			.contains("Why we need more time:\n\nA legal question about your contracts is still open.\n")
			.contains("Request reference: " + id);
	}

	@Test
	void theCompletionMailReachesTheAddressThePersonHadAfterItIsErased() throws Exception {
		PortalClient alice = newSubject();
		Person person = welcomed(alice);
		String id = alice.document("requestDeletion").text(REQUEST + ".id");
		awaitMailOf(person.id(), person.email(), 2);
		clock.advance(Duration.ofDays(14).plusMinutes(1));
		Instant completedAt = clock.instant();

		assertThat(worker.executeDue()).isPositive();
		assertThat(staff().document("subjectRequests", "id", person.id()).path("data.subject.profile.email").isNull())
			.as("the address is erased before the mail goes").isTrue();
		MimeMessage completed = awaitMailOf(person.id(), person.email(), 3).get(2);

		assertThat(completed.getSubject()).isEqualTo("Your personal information has been deleted");
		assertThat(body(completed)).startsWith("Hello,\n")
			.contains("on " + inMail(completedAt) + " we deleted the personal\ninformation")
			.contains("Request reference: " + id)
			.doesNotContain(person.name())
			.doesNotContain(person.email());
		assertThat(mongo.getCollection("deletion_requests").find(new Document("_id", id)).first().getList("outbox",
				Document.class)).isEmpty();
	}

	@Test
	void aSubjectHearsOfEveryStepOfACorrectionAComplaintAndADeletion() throws Exception {
		PortalClient alice = newSubject();
		Person person = welcomed(alice);
		String correction = alice.document("submitCorrection", "field", "PHONE", "proposedValue", "+41 44 668 18 00")
			.text("data.submitCorrectionRequest.request.id");
		awaitMailOf(person.id(), person.email(), 2);
		staff().document("extendDeadline", "requestId", correction, "days", 5, "reason", "We are checking it.");
		awaitMailOf(person.id(), person.email(), 3);
		staff().document("reviewCorrection", "id", correction, "decision", "APPROVE");
		awaitMailOf(person.id(), person.email(), 4);
		String complaint = alice.document("fileComplaint", "category", "UNWANTED_MARKETING", "summary",
				"Marketing mail after I said no", "description", "I withdrew my consent and still get offers.")
			.text("data.fileComplaint.complaint.id");
		awaitMailOf(person.id(), person.email(), 5);
		staff().document("updateComplaint", "input", Map.of("id", complaint, "status", "INVESTIGATING", "reply",
				"We are looking into it.", "internalNote", "Ask marketing why the opt-out was missed"));
		awaitMailOf(person.id(), person.email(), 6);
		staff().document("updateComplaint", "input", Map.of("id", complaint, "status", "RESOLVED", "remedy",
				"We removed you from every campaign list."));
		awaitMailOf(person.id(), person.email(), 7);
		alice.document("requestDeletion");
		awaitMailOf(person.id(), person.email(), 8);
		clock.advance(Duration.ofDays(14).plusMinutes(1));
		worker.executeDue();

		List<MimeMessage> mails = awaitMailOf(person.id(), person.email(), 9);
		mailWorker.deliverAll();

		assertThat(mailTo(person.email())).extracting(MimeMessage::getSubject)
			.containsExactly("Your registration with the Privacy Portal", "We received your correction request",
					"We need more time for your correction request", "Your correction request was approved",
					"We received your complaint", "A reply to your complaint", "Your complaint was resolved",
					"We received your deletion request", "Your personal information has been deleted");
		for (MimeMessage mail : mails) {
			assertThat(body(mail)).as(mail.getSubject()).doesNotContain("${").doesNotContain("opt-out was missed");
		}
	}

}
