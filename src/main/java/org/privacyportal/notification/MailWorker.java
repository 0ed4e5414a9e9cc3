package org.privacyportal.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.privacyportal.notification.MailSending.Attempt;
import org.privacyportal.store.Leases;
import org.privacyportal.store.Leases.Lease;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Sends the mail waiting in the outboxes of every {@link MailOutbox} collection. It runs from
 * {@code @Scheduled} on every instance, without ShedLock: {@link #deliverAll()} is safe to run from
 * any number of threads and instances at once, and a lock left by a killed instance held the mail
 * back for five minutes.
 * <ul>
 * <li><b>Never twice.</b> Each mail is claimed in {@code mail_deliveries} under its own id through a
 * {@link Leases lease}; only the holder sends, records {@code SENT} and then pulls the mail from its
 * outbox. The one window for a second send is an instance dying after the SMTP server accepted the
 * message and before {@code SENT} is written: once the lease runs out the mail is sent again, with
 * the same {@code Message-ID} ({@code <id@privacy-portal>}) so it is recognisably the same
 * message.</li>
 * <li><b>Retries</b> wait {@link NotificationProperties#retryAfter}; after {@code max-attempts}, or a
 * refusal that no retry can mend, the mail is {@code FAILED}, logged at ERROR and pulled. A mail that cannot be built (unknown template, missing value, bad address)
 * fails at once; one with no address left (an erased subject) is {@code UNDELIVERABLE}.</li>
 * <li><b>No SMTP configured</b> ({@code spring.mail.host} unset, the embedded default): each mail is
 * logged at INFO once (ids and template only), recorded as {@code LOGGED}, and kept in its outbox,
 * so that a later start with SMTP configured sends it; a mail to an address kept past an erasure
 * ({@link PendingMail#RECIPIENT_ADDRESS}) is pulled instead, and its address with it.</li>
 * </ul>
 */
@Component
public class MailWorker {

	private static final Logger log = LoggerFactory.getLogger(MailWorker.class);

	private static final int MAX_ERROR_LENGTH = 500;

	private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'@,;:]+@[^\\s<>\"',;:]+");

	private final MongoTemplate mongo;

	private final List<MailOutbox> outboxes;

	private final DueMail due;

	private final MailSending sending;

	private final Leases<MailDelivery> leases;

	private final NotificationProperties properties;

	private final Clock clock;

	MailWorker(MongoTemplate mongo, List<MailOutbox> outboxes, MailSending sending, NotificationProperties properties,
			Clock clock) {
		this.mongo = mongo;
		this.outboxes = List.copyOf(outboxes);
		this.due = new DueMail(mongo);
		this.sending = sending;
		this.leases = new Leases<>(mongo, MailDelivery.class, properties.lease(), clock);
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${portal.mail.poll-interval:PT10S}",
			initialDelayString = "${portal.mail.poll-interval:PT10S}")
	void sweep() {
		deliverAll();
	}

	/** Finished deliveries are forgotten after the retention; their mail has left every outbox. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	@SchedulerLock(name = "mail-delivery-expiry")
	void removeExpired() {
		Instant before = clock.instant().minus(properties.deliveryRetention());
		mongo.remove(Query.query(Criteria.where("status")
			.in(MailDeliveryStatus.SENT, MailDeliveryStatus.LOGGED, MailDeliveryStatus.FAILED,
					MailDeliveryStatus.UNDELIVERABLE)
			.and("finishedAt")
			.lt(before)), MailDelivery.class);
	}

	/** Sends (or, without SMTP, logs) every mail that is due in every outbox. */
	public void deliverAll() {
		for (MailOutbox outbox : outboxes) {
			String collection = outbox.collection();
			due.forEach(collection, (documentId, mail, known) -> deliver(collection, documentId, mail, known));
		}
	}

	private void deliver(String collection, Object documentId, PendingMail mail, @Nullable MailDelivery known) {
		Instant now = clock.instant();
		if (known == null) {
			recordPending(collection, documentId, mail, now);
		}
		else if (known.status().isFinal() || known.finishedAt() != null) {
			// finished by a worker that stopped before pulling it
			due.pull(collection, documentId, mail.id());
			return;
		}
		Lease<MailDelivery> lease = claim(mail.id(), now);
		if (lease != null) {
			record(collection, documentId, mail, lease, sending.send(mail, collection, documentId));
		}
	}

	private void recordPending(String collection, Object documentId, PendingMail mail, Instant now) {
		try {
			mongo.insert(MailDelivery.pending(mail, collection, String.valueOf(documentId), now));
		}
		catch (DuplicateKeyException ex) {
			// another worker saw it first; the claim decides who sends
		}
	}

	private @Nullable Lease<MailDelivery> claim(String id, Instant now) {
		List<Criteria> claimable = new ArrayList<>();
		claimable.add(Criteria.where("status").is(MailDeliveryStatus.PENDING).and("nextAttemptAt").lte(now));
		claimable.add(Criteria.where("status").is(MailDeliveryStatus.SENDING));
		if (sending.canSend()) {
			claimable.add(Criteria.where("status").is(MailDeliveryStatus.LOGGED));
		}
		return leases.claim(
				new Criteria().andOperator(Criteria.where("_id").is(id), new Criteria().orOperator(claimable)),
				Sort.unsorted(), Update.update("status", MailDeliveryStatus.SENDING));
	}

	private void record(String collection, Object documentId, PendingMail mail, Lease<MailDelivery> lease,
			Attempt attempt) {
		int attempts = lease.work().attempts();
		if (attempt.status() == MailDeliveryStatus.LOGGED) {
			if (mail.model() != null && mail.model().containsKey(PendingMail.RECIPIENT_ADDRESS)) {
				// an address kept past the subject's erasure leaves once the mail is done with, even unsent
				finish(collection, documentId, lease, MailDeliveryStatus.LOGGED, null);
			}
			else {
				leases.release(lease, Update.update("status", MailDeliveryStatus.LOGGED).set("attempts", 0));
			}
			return;
		}
		if (attempt.failure() == null) {
			finish(collection, documentId, lease, attempt.status(), attempt.error());
			return;
		}
		String error = abbreviate(attempt.error());
		boolean permanent = attempt.failure() instanceof MailParseException
				|| attempt.failure() instanceof MailPreparationException;
		if (permanent || attempts >= properties.maxAttempts()) {
			log.error("Mail {} ({}) for subject {} failed after {} attempts, giving up: {}", mail.id(), mail.template(),
					mail.subjectId(), attempts, error);
			finish(collection, documentId, lease, MailDeliveryStatus.FAILED, error);
			return;
		}
		Instant next = clock.instant().plus(properties.retryAfter(attempts));
		log.warn("Mail {} ({}) attempt {} failed, next attempt at {}: {}", mail.id(), mail.template(), attempts, next,
				error);
		leases.release(lease, Update.update("status", MailDeliveryStatus.PENDING)
			.set("nextAttemptAt", next)
			.set("lastError", error));
	}

	/** Records the outcome and takes the mail out of its outbox: it is done with either way. */
	private void finish(String collection, Object documentId, Lease<MailDelivery> lease, MailDeliveryStatus status,
			@Nullable String error) {
		leases.release(lease, Update.update("status", status)
			.set("finishedAt", clock.instant())
			.set("lastError", error)
			.unset("nextAttemptAt"));
		due.pull(collection, documentId, lease.work().id());
	}

	/**
	 * A mail server's refusal as it is logged and kept: shortened, without the addresses servers
	 * like to quote, and on one line, so it can neither leak an address nor forge a log line.
	 */
	private static @Nullable String abbreviate(@Nullable String message) {
		if (message == null) {
			return null;
		}
		String safe = ADDRESS.matcher(message).replaceAll("<address>").replace("\r", "\\r").replace("\n", "\\n");
		return safe.length() <= MAX_ERROR_LENGTH ? safe : safe.substring(0, MAX_ERROR_LENGTH);
	}

}
