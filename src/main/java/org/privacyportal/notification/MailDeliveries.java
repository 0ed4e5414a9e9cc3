package org.privacyportal.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.privacyportal.personaldata.PersonalDataEraser;
import org.privacyportal.personaldata.PersonalDataSection;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The record of which mails went to a subject. The mails' content lives in the outboxes of the
 * features' documents until it is sent, and goes with them.
 */
@Component
class MailDeliveries implements PersonalDataSection, PersonalDataEraser {

	private final MongoTemplate mongo;

	MailDeliveries(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String key() {
		return "mailDeliveries";
	}

	@Override
	public String title() {
		return "Mail we sent you";
	}

	@Override
	public List<String> columns() {
		return List.of("mail", "status", "createdAt", "finishedAt");
	}

	@Override
	public Set<String> collections() {
		return Set.of(mongo.getCollectionName(MailDelivery.class));
	}

	@Override
	public void rows(String subjectId, Consumer<Map<String, Object>> sink) {
		Query query = Query.query(Criteria.where("subjectId").is(subjectId)).with(Sort.by("createdAt", "_id"));
		try (var deliveries = mongo.stream(query, MailDelivery.class)) {
			deliveries.forEach(delivery -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("mail", delivery.template());
				row.put("status", delivery.status().name());
				row.put("createdAt", delivery.createdAt().toString());
				row.put("finishedAt", delivery.finishedAt() == null ? null : delivery.finishedAt().toString());
				sink.accept(row);
			});
		}
	}

	@Override
	public void erase(String subjectId) {
		mongo.remove(Query.query(Criteria.where("subjectId").is(subjectId)), MailDelivery.class);
	}

}
