package org.privacyportal.disclosure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.privacyportal.personaldata.PersonalDataSection;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The disclosures the subject may see, in an export; one still confidential is left out, as in {@code me}. */
@Component
class DisclosureSection implements PersonalDataSection {

	private final MongoTemplate mongo;

	private final Clock clock;

	DisclosureSection(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	@Override
	public String key() {
		return "disclosures";
	}

	@Override
	public String title() {
		return "Disclosures of your information for legal purposes";
	}

	@Override
	public List<String> columns() {
		return List.of("id", "disclosedAt", "recipient", "basis", "dataCategories");
	}

	@Override
	public Set<String> collections() {
		return Set.of(Disclosure.COLLECTION);
	}

	@Override
	public void rows(String subjectId, Consumer<Map<String, Object>> sink) {
		Criteria visible = Criteria.where("subjectId")
			.is(subjectId)
			.andOperator(DisclosureService.visibleToSubject(clock.instant()));
		Query query = Query.query(visible).with(Sort.by("disclosedAt", "_id"));
		try (var disclosures = mongo.stream(query, Disclosure.class)) {
			disclosures.forEach(disclosure -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("id", disclosure.id());
				row.put("disclosedAt", disclosure.disclosedAt().toString());
				row.put("recipient", disclosure.recipient());
				row.put("basis", disclosure.basis().name());
				row.put("dataCategories", String.join("; ", disclosure.dataCategories()));
				sink.accept(row);
			});
		}
	}

}
