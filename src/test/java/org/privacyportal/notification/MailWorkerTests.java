package org.privacyportal.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.privacyportal.personaldata.PersonalData;
import org.privacyportal.personaldata.PersonalDataEraser;
import org.privacyportal.personaldata.PersonalDataSection;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/** Mail through the worker of the running portal to GreenMail. */
class MailWorkerTests extends PortalIntegrationTest {

	private static final String SUBJECTS = "subjects";

	private static final Set<String> FINAL = Set.of("SENT", "FAILED", "UNDELIVERABLE");

	@Autowired
	private PersonalData personalData;

	@Test
	void registrationConfirmsTheInformationObtainedAndItsSources() throws Exception {
		Registered alice = register();

		List<MimeMessage> mails = awaitMailOf(alice.id(), alice.email(), 1);

		assertThat(mails).hasSize(1);
		MimeMessage mail = mails.get(0);
		assertThat(mail.getSubject()).isEqualTo("Your registration with the Privacy Portal");
		assertThat(mail.getFrom()[0].toString()).isEqualTo("privacy@example.org");
		assertThat(mail.getMessageID()).endsWith("@" + MailSending.MESSAGE_ID_DOMAIN + ">");
		String body = body(mail);
		assertThat(body).contains("Hello " + alice.name() + ",")
			.contains("Full name:       " + alice.name())
			.contains("Email:           " + alice.email())
			.contains("Phone:           (not given)")
			.contains("How we obtained it: registration")
			.contains("section 3")
			.doesNotContain("${");
		assertThat(settled(alice.id(), idOf(mail)).getString("status")).isEqualTo("SENT");
		assertThat(outbox(alice.id())).isEmpty();
	}

	@Test
	void aStatusChangeInASubjectsOutboxIsMailedOnceAndPulled() throws Exception {
		Registered alice = registeredAndWelcomed();
		PendingMail decided = PendingMail.of("correction-decided", alice.id(),
				Map.of("requestId", "req-1", "field", "phone number", "decision", "approved", "decisionNote",
						"We changed it as you asked.", "decidedAt", "2026-11-30T17:00:00Z"),
				Instant.now());
		push(alice.id(), decided);
		assertThat(outbox(alice.id())).hasSize(1);

		List<MimeMessage> mails = awaitMail(alice.email(), 2);
		mailWorker.deliverAll();
		mailWorker.deliverAll();

		assertThat(mailTo(alice.email())).hasSize(2);
		MimeMessage mail = mails.get(1);
		assertThat(mail.getSubject()).isEqualTo("Your correction request was approved");
		assertThat(body(mail)).contains("On 30 November 2026, 17:00 UTC we approved your request to correct\nyour phone number.")
			.contains("We changed it as you asked.")
			.contains("req-1");
		assertThat(mail.getMessageID()).isEqualTo("<" + decided.id() + "@" + MailSending.MESSAGE_ID_DOMAIN + ">");
		Document delivery = settled(alice.id(), decided.id());
		assertThat(outbox(alice.id())).isEmpty();
		assertThat(delivery.getString("status")).isEqualTo("SENT");
		assertThat(delivery.getString("template")).isEqualTo("correction-decided");
		assertThat(delivery.getInteger("attempts")).isEqualTo(1);
	}

	@Test
	void workersRacingForTheSameMailSendItOnce() throws Exception {
		Registered alice = registeredAndWelcomed();
		PendingMail cancelled = PendingMail.of("deletion-cancelled", alice.id(),
				Map.of("requestId", "req-2", "cancelledAt", "2026-11-30T17:00:00Z"), Instant.now());
		push(alice.id(), cancelled);

		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Void>> workers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				workers.add(() -> {
					mailWorker.deliverAll();
					return null;
				});
			}
			for (Future<Void> worker : pool.invokeAll(workers)) {
				worker.get();
			}
		}
		finally {
			pool.shutdown();
		}
		awaitMail(alice.email(), 2);
		settled(alice.id(), cancelled.id());
		mailWorker.deliverAll();

		assertThat(mailTo(alice.email())).hasSize(2);
		assertThat(outbox(alice.id())).isEmpty();
	}

	@Test
	void mailForASubjectWithNoAddressLeftIsUndeliverableAndPulled() throws Exception {
		Registered alice = registeredAndWelcomed();
		PendingMail orphan = PendingMail.of("deletion-cancelled", "erased-subject",
				Map.of("requestId", "req-3", "cancelledAt", "2026-11-30T17:00:00Z"), Instant.now());
		push(alice.id(), orphan);

		assertThat(settled(alice.id(), orphan.id()).getString("status")).isEqualTo("UNDELIVERABLE");
	}

	@Test
	void aMailAddressedWhenItWasWrittenArrivesAfterTheSubjectIsGone() throws Exception {
		Registered alice = registeredAndWelcomed();
		String formerAddress = "former-" + alice.id() + "@example.com";
		push(alice.id(), PendingMail.toAddress(formerAddress, "deletion-completed", "erased-subject",
				Map.of("requestId", "req-4", "completedAt", "2026-11-30T17:00:00Z"), Instant.now()));

		List<MimeMessage> mails = awaitMail(formerAddress, 1);

		assertThat(mails.get(0).getSubject()).isEqualTo("Your personal information has been deleted");
		assertThat(body(mails.get(0))).doesNotContain(formerAddress);
	}

	@Test
	void aMailThatCannotBeBuiltFailsAtOnceAndIsPulled() throws Exception {
		Registered alice = registeredAndWelcomed();
		PendingMail incomplete = PendingMail.of("export-ready", alice.id(), Map.of("exportId", "e-1"), Instant.now());
		PendingMail unknown = PendingMail.of("no-such-mail", alice.id(), Map.of(), Instant.now());
		push(alice.id(), incomplete);
		push(alice.id(), unknown);

		assertThat(settled(alice.id(), incomplete.id()).getString("status")).isEqualTo("FAILED");
		assertThat(settled(alice.id(), unknown.id()).getString("status")).isEqualTo("FAILED");
		assertThat(deliveryOf(incomplete).getString("lastError")).contains("format");
		assertThat(outbox(alice.id())).isEmpty();
		assertThat(mailTo(alice.email())).hasSize(1);
	}

	@Test
	void aSweepLockLeftByAKilledInstanceDoesNotHoldTheMailBack() {
		Instant now = Instant.now();
		Query lock = Query.query(Criteria.where("_id").is("mail-outbox"));
		mongo.upsert(lock, Update.update("lockUntil", now.plus(Duration.ofMinutes(5)))
			.set("lockedAt", now)
			.set("lockedBy", "an instance killed mid-sweep"), "shedlock");
		try {
			Registered alice = register();

			mailWorker.sweep();

			assertThat(mailTo(alice.email())).hasSize(1);
		}
		finally {
			mongo.remove(lock, "shedlock");
		}
	}

	@Test
	void theDeliveriesOfASubjectAreExportedAndErased() throws Exception {
		Registered alice = registeredAndWelcomed();
		PersonalDataSection deliveries = personalData.section(NotificationConfiguration.DELIVERIES);
		PersonalDataEraser eraser = personalData.eraser(NotificationConfiguration.DELIVERIES);

		List<Map<String, Object>> rows = new ArrayList<>();
		deliveries.rows(alice.id(), rows::add);
		assertThat(rows).singleElement()
			.satisfies(row -> assertThat(row).containsEntry("mail", "registration")
				.containsEntry("status", MailDeliveryStatus.SENT)
				.containsKeys(deliveries.columns().toArray(String[]::new)));

		eraser.erase(alice.id());
		eraser.erase(alice.id());

		rows.clear();
		deliveries.rows(alice.id(), rows::add);
		assertThat(rows).isEmpty();
	}

	private Registered register() {
		PortalClient client = newSubject();
		var me = client.query("{ me { id profile { fullName email } } }");
		return new Registered(me.text("data.me.id"), me.text("data.me.profile.email"),
				me.text("data.me.profile.fullName"));
	}

	/** A new subject whose registration mail has been sent and pulled. */
	private Registered registeredAndWelcomed() throws Exception {
		Registered subject = register();
		settled(subject.id(), idOf(awaitMail(subject.email(), 1).get(0)));
		return subject;
	}

	private void push(String subjectId, PendingMail mail) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(subjectId)), new Update().push("outbox", mail), SUBJECTS);
	}

	private List<?> outbox(String subjectId) {
		Document subject = mongo.findById(subjectId, Document.class, SUBJECTS);
		List<?> outbox = subject.getList("outbox", Object.class);
		return outbox == null ? List.of() : outbox;
	}

	/**
	 * Runs the worker until the mail's delivery is final and the mail left the subject's outbox: the
	 * scheduled sweep may be handling it at the same moment.
	 */
	private Document settled(String subjectId, String mailId) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			mailWorker.deliverAll();
			Document delivery = mongo.findById(mailId, Document.class, "mail_deliveries");
			boolean pulled = outbox(subjectId).stream().noneMatch(m -> mailId.equals(((Document) m).get("_id")));
			if (delivery != null && FINAL.contains(delivery.getString("status")) && pulled) {
				return delivery;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Mail " + mailId + " did not settle: " + delivery);
			}
			Thread.sleep(50);
		}
	}

	private static String idOf(MimeMessage mail) throws Exception {
		String messageId = mail.getMessageID();
		return messageId.substring(1, messageId.indexOf('@'));
	}

	private Document deliveryOf(PendingMail mail) {
		return mongo.findById(mail.id(), Document.class, "mail_deliveries");
	}

	private record Registered(String id, String email, String name) {
	}

}
