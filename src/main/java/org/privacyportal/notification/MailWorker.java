package org.privacyportal.notification;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.privacyportal.notification.MailRecipients.Recipient;
import org.privacyportal.notification.MailTemplates.MailTemplateException;
import org.privacyportal.notification.MailTemplates.RenderedMail;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Sends the mail waiting in the {@code outbox} arrays of every {@link MailOutbox} collection. Runs
 * on every instance; the sweep is under ShedLock, and {@link #deliverAll()} is safe to run from any
 * number of threads and instances at once.
 * <ul>
 * <li><b>Never twice.</b> Each mail is claimed in {@code mail_deliveries} under its own id by one
 * conditional write on status and lease; only the holder of the claim sends, records {@code SENT}
 * and then pulls the mail from its outbox. The one window for a second send is an instance dying
 * after the SMTP server accepted the message and before {@code SENT} is written: once the lease
 * runs out the mail is sent again, with the same {@code Message-ID} ({@code <id@privacy-portal>})
 * so it is recognisably the same message.</li>
 * <li><b>Retries.</b> A failed attempt is retried after {@code portal.mail.first-retry-after},
 * doubling up to {@code max-retry-after}; after {@code max-attempts} the mail is {@code FAILED},
 * logged at ERROR and pulled. A mail that cannot be built (unknown template, missing value, bad
 * address) fails at once; one with no address left (an erased subject) is {@code UNDELIVERABLE}.</li>
 * <li><b>No SMTP configured</b> ({@code spring.mail.host} unset, the embedded default): each mail is
 * rendered and its text logged at INFO once, recorded as {@code LOGGED}, and kept in its outbox,
 * so that a later start with SMTP configured sends it.</li>
 * </ul>
 */
public class MailWorker {

	static final String MESSAGE_ID_DOMAIN = "privacy-portal";

	private static final Logger log = LoggerFactory.getLogger(MailWorker.class);

	private static final int BATCH = 100;

	private static final int MAX_ERROR_LENGTH = 500;

	private static final String OUTBOX = MailOutbox.FIELD;

	private static final String FALLBACK_NAME = "there";

	private final MongoTemplate mongo;

	private final List<MailOutbox> outboxes;

	private final MailRecipients recipients;

	private final MailTemplates templates;

	private final @Nullable JavaMailSender sender;

	private final NotificationProperties properties;

	private final Clock clock;

	MailWorker(MongoTemplate mongo, List<MailOutbox> outboxes, MailRecipients recipients, MailTemplates templates,
			@Nullable JavaMailSender sender, NotificationProperties properties, Clock clock) {
		this.mongo = mongo;
		this.outboxes = List.copyOf(outboxes);
		this.recipients = recipients;
		this.templates = templates;
		this.sender = sender;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${portal.mail.poll-interval:PT10S}",
			initialDelayString = "${portal.mail.poll-interval:PT10S}")
	@SchedulerLock(name = "mail-outbox")
	void sweep() {
		deliverAll();
	}

	/** Finished deliveries are forgotten after the retention; their mail has left every outbox. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	@SchedulerLock(name = "mail-delivery-expiry")
	void removeExpired() {
		Instant before = clock.instant().minus(properties.deliveryRetention());
		mongo.remove(Query.query(Criteria.where("status")
			.in(MailDeliveryStatus.SENT, MailDeliveryStatus.FAILED, MailDeliveryStatus.UNDELIVERABLE)
			.and("finishedAt")
			.lt(before)), MailDelivery.class);
	}

	/** Sends (or, without SMTP, logs) every mail that is due in every outbox. */
	public void deliverAll() {
		for (MailOutbox outbox : outboxes) {
			deliverFrom(outbox.collection());
		}
	}

	void deliverFrom(String collection) {
		Object after = null;
		while (true) {
			Criteria criteria = Criteria.where(OUTBOX + ".0").exists(true);
			if (after != null) {
				criteria = criteria.and("_id").gt(after);
			}
			Query query = Query.query(criteria).with(Sort.by("_id")).limit(BATCH);
			query.fields().include(OUTBOX);
			List<Document> documents = mongo.find(query, Document.class, collection);
			deliverBatch(collection, documents);
			if (documents.size() < BATCH) {
				return;
			}
			after = documents.get(documents.size() - 1).get("_id");
		}
	}

	private void deliverBatch(String collection, List<Document> documents) {
		Map<Object, List<PendingMail>> mails = new LinkedHashMap<>();
		for (Document document : documents) {
			List<PendingMail> pending = new ArrayList<>();
			for (Object item : document.getList(OUTBOX, Object.class)) {
				PendingMail mail = item instanceof Document stored ? read(stored) : null;
				if (mail != null) {
					pending.add(mail);
				}
				else {
					log.error("An outbox entry of {} {} is not a mail; it stays there", collection, document.get("_id"));
				}
			}
			mails.put(document.get("_id"), pending);
		}
		List<String> ids = mails.values().stream().flatMap(List::stream).map(PendingMail::id).toList();
		Map<String, MailDelivery> known = mongo
			.find(Query.query(Criteria.where("_id").in(ids)), MailDelivery.class)
			.stream()
			.collect(Collectors.toMap(MailDelivery::id, Function.identity()));
		mails.forEach((documentId, pending) -> pending.forEach(mail -> {
			try {
				deliver(collection, documentId, mail, known.get(mail.id()));
			}
			catch (RuntimeException ex) {
				// one mail the store or the mail server chokes on must not hold up the others
				log.error("Mail {} ({}) could not be handled this time", mail.id(), mail.template(), ex);
			}
		}));
	}

	private @Nullable PendingMail read(Document stored) {
		try {
			PendingMail mail = mongo.getConverter().read(PendingMail.class, stored);
			return mail.id() == null || mail.template() == null ? null : mail;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private void deliver(String collection, Object documentId, PendingMail mail, @Nullable MailDelivery known) {
		Instant now = clock.instant();
		if (known == null) {
			recordPending(collection, documentId, mail, now);
		}
		else if (known.status().isFinal()) {
			// finished by a worker that stopped before pulling it
			pull(collection, documentId, mail.id());
			return;
		}
		else if (!known.claimableAt(now, sender != null)) {
			return;
		}
		String claim = UUID.randomUUID().toString();
		MailDelivery claimed = claim(mail.id(), claim, now);
		if (claimed != null) {
			send(collection, documentId, mail, claimed, claim);
		}
	}

	private void recordPending(String collection, Object documentId, PendingMail mail, Instant now) {
		try {
			mongo.insert(new MailDelivery(mail.id(), mail.subjectId(), collection, String.valueOf(documentId),
					mail.template(), MailDeliveryStatus.PENDING, 0, now, null, null, null, now, null));
		}
		catch (DuplicateKeyException ex) {
			// another worker saw it first; the claim decides who sends
		}
	}

	private @Nullable MailDelivery claim(String id, String claim, Instant now) {
		List<Criteria> claimable = new ArrayList<>();
		claimable.add(Criteria.where("status").is(MailDeliveryStatus.PENDING).and("nextAttemptAt").lte(now));
		claimable.add(Criteria.where("status").is(MailDeliveryStatus.SENDING).and("leaseUntil").lte(now));
		if (sender != null) {
			claimable.add(Criteria.where("status").is(MailDeliveryStatus.LOGGED));
		}
		Query query = Query.query(new Criteria().andOperator(Criteria.where("_id").is(id),
				new Criteria().orOperator(claimable)));
		Update update = new Update().set("status", MailDeliveryStatus.SENDING)
			.set("leaseUntil", now.plus(properties.lease()))
			.set("claimedBy", claim)
			.inc("attempts", 1);
		return mongo.findAndModify(query, update, FindAndModifyOptions.options().returnNew(true), MailDelivery.class);
	}

	private void send(String collection, Object documentId, PendingMail mail, MailDelivery delivery, String claim) {
		Optional<Recipient> recipient = recipientOf(mail);
		if (recipient.isEmpty()) {
			log.info("Mail {} ({}) for subject {} has no address to go to", mail.id(), mail.template(), mail.subjectId());
			finish(collection, documentId, delivery, claim, MailDeliveryStatus.UNDELIVERABLE, "No address");
			return;
		}
		RenderedMail rendered;
		try {
			rendered = templates.render(mail.template(), model(mail, recipient.get()));
		}
		catch (MailTemplateException ex) {
			log.error("Mail {} ({}) for subject {} cannot be built, giving up: {}", mail.id(), mail.template(),
					mail.subjectId(), ex.getMessage());
			finish(collection, documentId, delivery, claim, MailDeliveryStatus.FAILED, ex.getMessage());
			return;
		}
		if (sender == null) {
			log.info("Mail {} (no SMTP configured, kept in the outbox of {} {})\nTo: {}\nSubject: {}\n\n{}", mail.id(),
					collection, documentId, recipient.get().address(), rendered.subject(), rendered.body());
			mongo.updateFirst(mine(delivery.id(), claim),
					new Update().set("status", MailDeliveryStatus.LOGGED).set("attempts", 0).unset("leaseUntil"),
					MailDelivery.class);
			return;
		}
		try {
			sender.send(message -> {
				MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
				helper.setFrom(properties.from());
				helper.setTo(recipient.get().address());
				helper.setSubject(rendered.subject());
				helper.setText(rendered.body(), false);
				message.setHeader("Message-ID", "<" + mail.id() + "@" + MESSAGE_ID_DOMAIN + ">");
			});
		}
		catch (MailException ex) {
			failed(collection, documentId, mail, delivery, claim, ex);
			return;
		}
		finish(collection, documentId, delivery, claim, MailDeliveryStatus.SENT, null);
	}

	private void failed(String collection, Object documentId, PendingMail mail, MailDelivery delivery, String claim,
			MailException ex) {
		String error = abbreviate(ex.getMessage());
		boolean permanent = ex instanceof MailParseException || ex instanceof MailPreparationException;
		if (permanent || delivery.attempts() >= properties.maxAttempts()) {
			log.error("Mail {} ({}) for subject {} failed after {} attempts, giving up: {}", mail.id(), mail.template(),
					mail.subjectId(), delivery.attempts(), error);
			finish(collection, documentId, delivery, claim, MailDeliveryStatus.FAILED, error);
			return;
		}
		Instant next = clock.instant().plus(retryAfter(delivery.attempts()));
		log.warn("Mail {} ({}) attempt {} failed, next attempt at {}: {}", mail.id(), mail.template(),
				delivery.attempts(), next, error);
		mongo.updateFirst(mine(delivery.id(), claim),
				new Update().set("status", MailDeliveryStatus.PENDING)
					.set("nextAttemptAt", next)
					.set("lastError", error)
					.unset("leaseUntil"),
				MailDelivery.class);
	}

	/** Records the outcome and takes the mail out of its outbox: it is done with either way. */
	private void finish(String collection, Object documentId, MailDelivery delivery, String claim,
			MailDeliveryStatus status, @Nullable String error) {
		mongo.updateFirst(mine(delivery.id(), claim),
				new Update().set("status", status)
					.set("finishedAt", clock.instant())
					.set("lastError", error)
					.unset("leaseUntil")
					.unset("nextAttemptAt"),
				MailDelivery.class);
		pull(collection, documentId, delivery.id());
	}

	private void pull(String collection, Object documentId, String mailId) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(documentId)),
				new Update().pull(OUTBOX, new Document("_id", mailId)), collection);
	}

	private Optional<Recipient> recipientOf(PendingMail mail) {
		Map<String, String> model = mail.model() == null ? Map.of() : mail.model();
		String address = model.get(PendingMail.RECIPIENT_ADDRESS);
		if (address != null && !address.isBlank()) {
			return Optional.of(new Recipient(address, null));
		}
		return mail.subjectId() == null ? Optional.empty() : recipients.find(mail.subjectId());
	}

	private static Map<String, String> model(PendingMail mail, Recipient recipient) {
		Map<String, String> model = new HashMap<>();
		model.put("recipientName", recipient.name() == null || recipient.name().isBlank() ? FALLBACK_NAME : recipient.name());
		if (mail.model() != null) {
			model.putAll(mail.model());
		}
		return model;
	}

	/** The delivery as long as this worker's claim on it stands. */
	private static Query mine(String id, String claim) {
		return Query.query(Criteria.where("_id").is(id).and("claimedBy").is(claim));
	}

	/** {@code first-retry-after} doubled for each attempt after the first, at most {@code max-retry-after}. */
	Duration retryAfter(int attempts) {
		Duration wait = properties.firstRetryAfter();
		for (int i = 1; i < attempts && wait.compareTo(properties.maxRetryAfter()) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		Duration capped = wait.compareTo(properties.maxRetryAfter()) > 0 ? properties.maxRetryAfter() : wait;
		return capped.truncatedTo(ChronoUnit.MILLIS);
	}

	private static @Nullable String abbreviate(@Nullable String message) {
		return message == null || message.length() <= MAX_ERROR_LENGTH ? message : message.substring(0, MAX_ERROR_LENGTH);
	}

}
