package org.privacyportal.policy;

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
 * A subject's policy acknowledgements in exports, and their erasure: the audit trail keeps that an
 * acknowledgement was made.
 */
@Component
class PolicyAcknowledgements implements PersonalDataSection, PersonalDataEraser {

	private final MongoTemplate mongo;

	PolicyAcknowledgements(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String key() {
		return "policyAcknowledgements";
	}

	@Override
	public String title() {
		return "Your acknowledgements of the privacy policy";
	}

	@Override
	public List<String> columns() {
		return List.of("version", "acknowledgedAt");
	}

	@Override
	public Set<String> collections() {
		return Set.of(mongo.getCollectionName(PolicyAcknowledgement.class));
	}

	@Override
	public void rows(String subjectId, Consumer<Map<String, Object>> sink) {
		Query query = Query.query(Criteria.where("subjectId").is(subjectId)).with(Sort.by("at", "_id"));
		try (var acknowledgements = mongo.stream(query, PolicyAcknowledgement.class)) {
			acknowledgements.forEach(acknowledgement -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("version", acknowledgement.version());
				row.put("acknowledgedAt", acknowledgement.at().toString());
				sink.accept(row);
			});
		}
	}

	@Override
	public void erase(String subjectId) {
		mongo.remove(Query.query(Criteria.where("subjectId").is(subjectId)), PolicyAcknowledgement.class);
	}

}
