package org.privacyportal.correction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.privacyportal.personaldata.PersonalDataSection;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The subject's correction requests in their export, oldest first. */
@Component
class CorrectionSection implements PersonalDataSection {

	private static final List<String> COLUMNS = List.of("id", "field", "currentValue", "proposedValue", "reason",
			"status", "submittedAt", "dueAt", "decidedAt", "decisionNote", "extensionReason");

	private final MongoTemplate mongo;

	CorrectionSection(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String key() {
		return "correctionRequests";
	}

	@Override
	public String title() {
		return "Your correction requests";
	}

	@Override
	public List<String> columns() {
		return COLUMNS;
	}

	@Override
	public Set<String> collections() {
		return Set.of(CorrectionRequest.COLLECTION);
	}

	@Override
	public void rows(String subjectId, Consumer<Map<String, Object>> sink) {
		Query query = Query.query(Criteria.where("subjectId").is(subjectId))
			.with(Sort.by(Sort.Direction.ASC, "submittedAt", "id"));
		try (var requests = mongo.stream(query, CorrectionRequest.class)) {
			requests.forEach(request -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("id", request.id());
				row.put("field", request.field().name());
				row.put("currentValue", request.currentValue());
				row.put("proposedValue", request.proposedValue());
				row.put("reason", request.reason());
				row.put("status", request.status().name());
				row.put("submittedAt", request.submittedAt().toString());
				row.put("dueAt", request.dueAt().toString());
				row.put("decidedAt", Objects.toString(request.decidedAt(), null));
				row.put("decisionNote", request.decisionNote());
				row.put("extensionReason", request.extensionReason());
				sink.accept(row);
			});
		}
	}

}
