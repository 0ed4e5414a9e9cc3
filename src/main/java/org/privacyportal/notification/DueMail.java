package org.privacyportal.notification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Finds the mail waiting in the {@link MailOutbox#FIELD} arrays of one collection, in batches, with
 * what is known of its delivery so far; and takes a mail out of its outbox once it is done with.
 */
final class DueMail {

	private static final Logger log = LoggerFactory.getLogger(DueMail.class);

	private static final int BATCH = 100;

	private static final String OUTBOX = MailOutbox.FIELD;

	private final MongoTemplate mongo;

	DueMail(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** One waiting mail, the document whose outbox holds it, and its delivery if one is recorded. */
	interface Handler {

		void handle(Object documentId, PendingMail mail, @Nullable MailDelivery known);

	}

	void forEach(String collection, Handler handler) {
		Object after = null;
		while (true) {
			Criteria criteria = Criteria.where(OUTBOX + ".0").exists(true);
			if (after != null) {
				criteria = criteria.and("_id").gt(after);
			}
			Query query = Query.query(criteria).with(Sort.by("_id")).limit(BATCH);
			query.fields().include(OUTBOX);
			List<Document> documents = mongo.find(query, Document.class, collection);
			handleBatch(collection, documents, handler);
			if (documents.size() < BATCH) {
				return;
			}
			after = documents.get(documents.size() - 1).get("_id");
		}
	}

	private void handleBatch(String collection, List<Document> documents, Handler handler) {
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
		Map<String, MailDelivery> known = mongo.find(Query.query(Criteria.where("_id").in(ids)), MailDelivery.class)
			.stream()
			.collect(Collectors.toMap(MailDelivery::id, Function.identity()));
		mails.forEach((documentId, pending) -> pending.forEach(mail -> {
			try {
				handler.handle(documentId, mail, known.get(mail.id()));
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

	void pull(String collection, Object documentId, String mailId) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(documentId)),
				new Update().pull(OUTBOX, new Document("_id", mailId)), collection);
	}

}
