package org.privacyportal.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.privacyportal.notification.MailRecipients.Recipient;
import org.privacyportal.support.MutableClock;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker class wired by hand against the suite's store: a collection of its own (which the
 * portal's worker does not know), its own clock, and an SMTP server that is down, up, or absent.
 */
@ExtendWith(OutputCaptureExtension.class)
class MailRetryTests extends PortalIntegrationTest {

	private static final String OUTBOX = "mail_retry_test_outbox";

	private static final NotificationProperties PROPERTIES = new NotificationProperties("privacy@example.org",
			Duration.ofSeconds(10), 3, Duration.ofMinutes(1), Duration.ofMinutes(3), Duration.ofMinutes(2),
			Duration.ofDays(90));

	private final MutableClock workerClock = new MutableClock(Instant.now());

	private final String address = "retry-" + UUID.randomUUID() + "@example.com";

	@AfterEach
	void emptyOutbox() {
		mongo.remove(new Query(), OUTBOX);
	}

	@Test
	void aFailedSendIsRetriedWithBackoffAndSentOnceTheServerIsUp() throws Exception {
		PendingMail mail = queue();
		MailWorker down = worker(deadServer());

		down.deliverAll();
		Document first = delivery(mail);
		assertThat(first.getString("status")).isEqualTo("PENDING");
		assertThat(first.getInteger("attempts")).isEqualTo(1);
		assertThat(first.getString("lastError")).isNotBlank();
		assertThat(nextAttemptAt(first)).isEqualTo(inMillis(workerClock.instant().plus(Duration.ofMinutes(1))));
		assertThat(queued()).hasSize(1);

		down.deliverAll();
		assertThat(delivery(mail).getInteger("attempts")).as("not due yet").isEqualTo(1);

		workerClock.advance(Duration.ofMinutes(1));
		down.deliverAll();
		Document second = delivery(mail);
		assertThat(second.getInteger("attempts")).isEqualTo(2);
		assertThat(nextAttemptAt(second)).isEqualTo(inMillis(workerClock.instant().plus(Duration.ofMinutes(2))));

		MailWorker up = worker(greenMail());
		up.deliverAll();
		assertThat(mailTo(address)).as("still backing off").isEmpty();
		workerClock.advance(Duration.ofMinutes(2));
		up.deliverAll();
		up.deliverAll();

		assertThat(mailTo(address)).hasSize(1);
		assertThat(delivery(mail).getString("status")).isEqualTo("SENT");
		assertThat(delivery(mail).getInteger("attempts")).isEqualTo(3);
		assertThat(queued()).isEmpty();
	}

	@Test
	void aRefusalIsLoggedAndKeptWithoutTheAddressItQuotesOnOneLine(CapturedOutput output) {
		PendingMail mail = queue();
		JavaMailSenderImpl refusing = new JavaMailSenderImpl() {
			@Override
			protected void doSend(MimeMessage[] messages, Object[] originals) {
				throw new MailSendException("550 5.1.1 <" + address + ">: Recipient address rejected\r\nERROR forged line");
			}
		};

		worker(refusing).deliverAll();

		assertThat(delivery(mail).getString("lastError")).doesNotContain(address).doesNotContain("\n");
		assertThat(output.getOut()).contains("Mail " + mail.id() + " (export-ready) attempt 1 failed")
			.doesNotContain(address)
			.doesNotContain("\nERROR forged line");
	}

	@Test
	void afterTheLastAttemptTheMailIsGivenUpAndLogged(CapturedOutput output) {
		PendingMail mail = queue();
		MailWorker down = worker(deadServer());

		for (int attempt = 0; attempt < PROPERTIES.maxAttempts(); attempt++) {
			down.deliverAll();
			workerClock.advance(PROPERTIES.maxRetryAfter());
		}
		down.deliverAll();

		Document delivery = delivery(mail);
		assertThat(delivery.getString("status")).isEqualTo("FAILED");
		assertThat(delivery.getInteger("attempts")).isEqualTo(PROPERTIES.maxAttempts());
		assertThat(queued()).isEmpty();
		assertThat(output).contains("Mail " + mail.id() + " (export-ready)").contains("giving up");
	}

	@Test
	void withoutSmtpTheMailIsLoggedOnceAndKeptUntilSmtpIsThere(CapturedOutput output) {
		PendingMail mail = queue();
		MailWorker noSmtp = worker(null);

		noSmtp.deliverAll();
		noSmtp.deliverAll();

		assertThat(delivery(mail).getString("status")).isEqualTo("LOGGED");
		assertThat(queued()).hasSize(1);
		String logged = output.getOut();
		assertThat(logged.split("Mail " + mail.id() + " \\(export-ready\\) for subject retry-subject logged", -1))
			.hasSize(2);
		assertThat(logged).doesNotContain(address).doesNotContain("Retry Test").doesNotContain("Your data export");

		worker(greenMail()).deliverAll();

		assertThat(mailTo(address)).hasSize(1);
		assertThat(delivery(mail).getString("status")).isEqualTo("SENT");
		assertThat(queued()).isEmpty();
	}

	@Test
	void withoutSmtpAMailToAKeptAddressIsLoggedAndLeavesItsOutboxWithTheAddress() {
		PendingMail mail = PendingMail.toAddress(address, "deletion-completed", "retry-subject",
				Map.of("requestId", "r-1", "completedAt", "2026-12-07T10:00:00Z"), workerClock.instant());
		mongo.insert(new Document("_id", UUID.randomUUID().toString()).append("outbox",
				List.of(mongo.getConverter().convertToMongoType(mail))), OUTBOX);

		worker(null).deliverAll();

		assertThat(delivery(mail).getString("status")).isEqualTo("LOGGED");
		assertThat(queued()).isEmpty();
		assertThat(mongo.findOne(new Query(), Document.class, OUTBOX).toJson()).doesNotContain(address);
	}

	@Test
	void anEntryThatIsNotAMailHoldsUpNoMail() {
		PendingMail mail = PendingMail.of("export-ready", "retry-subject",
				Map.of("exportId", "e-2", "format", "ZIP", "expiresAt", "2026-12-07T10:00:00Z"), workerClock.instant());
		mongo.insert(new Document("_id", UUID.randomUUID().toString()).append("outbox",
				List.of("not a mail", new Document("template", "export-ready"), mongo.getConverter().convertToMongoType(mail))),
				OUTBOX);

		worker(greenMail()).deliverAll();

		assertThat(mailTo(address)).hasSize(1);
		assertThat(delivery(mail).getString("status")).isEqualTo("SENT");
		assertThat(queued()).hasSize(2);
	}

	@Test
	void theWaitDoublesUpToItsLimit() {
		assertThat(List.of(PROPERTIES.retryAfter(1), PROPERTIES.retryAfter(2), PROPERTIES.retryAfter(3),
				PROPERTIES.retryAfter(10)))
			.containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(3));
	}

	private PendingMail queue() {
		PendingMail mail = PendingMail.of("export-ready", "retry-subject",
				Map.of("exportId", "e-1", "format", "JSON", "expiresAt", "2026-12-07T10:00:00Z"), workerClock.instant());
		mongo.insert(new Document("_id", UUID.randomUUID().toString()).append("outbox",
				List.of(mongo.getConverter().convertToMongoType(mail))), OUTBOX);
		return mail;
	}

	private List<?> queued() {
		Document document = mongo.findOne(new Query(), Document.class, OUTBOX);
		return document.getList("outbox", Object.class);
	}

	private Document delivery(PendingMail mail) {
		return mongo.findById(mail.id(), Document.class, "mail_deliveries");
	}

	private static Instant inMillis(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS);
	}

	private static Instant nextAttemptAt(Document delivery) {
		return delivery.getDate("nextAttemptAt").toInstant();
	}

	private MailWorker worker(JavaMailSender sender) {
		MailOutbox outbox = () -> OUTBOX;
		MailRecipients recipients = subjectId -> Optional.of(new Recipient(address, "Retry Test", null));
		return new MailWorker(mongo, List.of(outbox), new MailSending(recipients, new MailTemplates(MailTemplatesTests.messages()), sender, PROPERTIES),
				PROPERTIES, workerClock);
	}

	private static JavaMailSender greenMail() {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(MAIL.getSmtp().getPort());
		return sender;
	}

	/** A port nothing listens on: connecting is refused at once. */
	private static JavaMailSender deadServer() {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(port);
		return sender;
	}

}
