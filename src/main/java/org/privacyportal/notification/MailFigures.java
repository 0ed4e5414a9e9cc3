package org.privacyportal.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.micrometer.core.instrument.Tags;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.privacyportal.operations.BusinessFigure;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** What the operator sees of mail. */
@Configuration(proxyBeanMethods = false)
class MailFigures {

	private static final Duration WINDOW = Duration.ofDays(1);

	@Bean
	BusinessFigure finishedMails(MongoTemplate mongo) {
		return new BusinessFigure("portal.mails.finished", "Mails sent, failed or undeliverable in the last 24 hours",
				null, now -> Map.of(Tags.of("outcome", "sent"), finishedSince(mongo, now, MailDeliveryStatus.SENT),
						Tags.of("outcome", "failed"), finishedSince(mongo, now, MailDeliveryStatus.FAILED),
						Tags.of("outcome", "undeliverable"), finishedSince(mongo, now, MailDeliveryStatus.UNDELIVERABLE)));
	}

	/** Mail still in an outbox, logged-only mail included: it has not reached anyone. */
	@Bean
	BusinessFigure oldestUnsentMail(MongoTemplate mongo, List<MailOutbox> outboxes) {
		return new BusinessFigure("portal.mails.oldest.unsent.age", "Age of the oldest mail waiting in an outbox",
				"seconds", now -> Map.of(Tags.empty(), outboxes.stream()
					.map(outbox -> oldest(mongo, outbox.collection()))
					.filter(Objects::nonNull)
					.min(Instant::compareTo)
					.map(oldest -> Math.max(0, Duration.between(oldest, now).toMillis()) / 1000.0)
					.orElse(0.0)));
	}

	private static long finishedSince(MongoTemplate mongo, Instant now, MailDeliveryStatus status) {
		return mongo.count(Query.query(Criteria.where("finishedAt").gte(now.minus(WINDOW)).and("status").is(status)),
				MailDelivery.class);
	}

	private static @Nullable Instant oldest(MongoTemplate mongo, String collection) {
		String createdAt = "$" + MailOutbox.FIELD + ".createdAt";
		Document found = mongo.getCollection(collection)
			.aggregate(List.of(new Document("$match", new Document(MailOutbox.FIELD + ".0", new Document("$exists", true))),
					new Document("$unwind", "$" + MailOutbox.FIELD),
					new Document("$group", new Document("_id", null).append("oldest", new Document("$min", createdAt)))))
			.first();
		Date oldest = found == null ? null : found.getDate("oldest");
		return oldest == null ? null : oldest.toInstant();
	}

}
