package org.privacyportal.consent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.privacyportal.personaldata.PersonalDataSection;

import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Every consent choice ever recorded, oldest first, streamed from the store a batch at a time. */
@Component
@Order(400)
class ConsentHistorySection implements PersonalDataSection {

	private final ConsentService consents;

	private final MongoTemplate mongo;

	ConsentHistorySection(ConsentService consents, MongoTemplate mongo) {
		this.consents = consents;
		this.mongo = mongo;
	}

	@Override
	public String key() {
		return "consentHistory";
	}

	@Override
	public String title() {
		return "Every consent choice recorded";
	}

	@Override
	public List<String> columns() {
		return List.of("at", "purposeKey", "granted", "source", "channel", "policyVersion");
	}

	@Override
	public Set<String> collections() {
		return Set.of(mongo.getCollectionName(ConsentEvent.class));
	}

	@Override
	public void rows(String subjectId, Consumer<Map<String, Object>> sink) {
		consents.flushPendingEvents(subjectId);
		Query query = Query.query(Criteria.where("subjectId").is(subjectId)).with(Sort.by("seq"));
		try (Stream<ConsentEvent> events = mongo.stream(query, ConsentEvent.class)) {
			events.forEach(event -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("at", event.at().toString());
				row.put("purposeKey", event.purposeKey());
				row.put("granted", event.granted());
				row.put("source", event.source().name());
				row.put("channel", event.channel());
				row.put("policyVersion", event.policyVersion());
				sink.accept(row);
			});
		}
	}

}
