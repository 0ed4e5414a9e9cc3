package org.privacyportal.consent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.privacyportal.personaldata.CustomSection;

import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Every consent choice ever recorded, oldest first, streamed from the store a batch at a time. */
@Component
@Order(400)
class ConsentHistorySection extends CustomSection {

	private static final int WINDOW = 10_000;

	/** The driver decodes a whole batch at once, by default up to 16 MB of them. */
	private static final int BATCH = 500;

	private final ConsentService consents;

	private final MongoTemplate mongo;

	ConsentHistorySection(ConsentService consents, MongoTemplate mongo) {
		super("consentHistory", "Every consent choice recorded", Set.of(mongo.getCollectionName(ConsentEvent.class)),
				"at", "purposeKey", "purposeVersion", "granted", "source", "channel", "policyVersion");
		this.consents = consents;
		this.mongo = mongo;
	}

	/**
	 * Reads the subject's sequence numbers, which have no gaps, a window at a time: a store that
	 * holds a query's whole result until the cursor closes (the embedded one does) then holds one
	 * window, not the whole history.
	 */
	@Override
	public void rows(String subjectId, Consumer<Map<String, Object>> sink) {
		consents.flushPendingEvents(subjectId);
		ConsentSettings settings = mongo.findById(subjectId, ConsentSettings.class);
		long last = settings == null ? 0 : settings.eventSeq();
		for (long after = 0; after < last; after += WINDOW) {
			Query query = Query.query(Criteria.where("subjectId").is(subjectId).and("seq").gt(after).lte(after + WINDOW))
				.with(Sort.by("seq"))
				.cursorBatchSize(BATCH);
			try (Stream<ConsentEvent> events = mongo.stream(query, ConsentEvent.class)) {
				events.forEach(event -> sink.accept(row(event)));
			}
		}
	}

	private static Map<String, Object> row(ConsentEvent event) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("at", event.at().toString());
		row.put("purposeKey", event.purposeKey());
		row.put("purposeVersion", event.purposeVersionOrFirst());
		row.put("granted", event.granted());
		row.put("source", event.source());
		row.put("channel", event.channel());
		row.put("policyVersion", event.policyVersion());
		return row;
	}

}
