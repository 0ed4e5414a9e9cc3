package org.privacyportal.deletion;

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

/** The subject's deletion requests in their export, oldest first. */
@Component
class DeletionSection implements PersonalDataSection {

	private static final List<String> COLUMNS = List.of("id", "status", "reason", "submittedAt", "scheduledFor",
			"dueAt", "completedAt", "cancelledAt", "extensionReason");

	private final MongoTemplate mongo;

	DeletionSection(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String key() {
		return "deletionRequests";
	}

	@Override
	public String title() {
		return "Your deletion requests";
	}

	@Override
	public List<String> columns() {
		return COLUMNS;
	}

	@Override
	public Set<String> collections() {
		return Set.of(DeletionRequest.COLLECTION);
	}

	@Override
	public void rows(String subjectId, Consumer<Map<String, Object>> sink) {
		Query query = Query.query(Criteria.where("subjectId").is(subjectId))
			.with(Sort.by(Sort.Direction.ASC, "submittedAt", "id"));
		try (var requests = mongo.stream(query, DeletionRequest.class)) {
			requests.forEach(request -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("id", request.id());
				row.put("status", request.status().name());
				row.put("reason", request.reason());
				row.put("submittedAt", request.submittedAt().toString());
				row.put("scheduledFor", request.scheduledFor().toString());
				row.put("dueAt", request.dueAt().toString());
				row.put("completedAt", Objects.toString(request.completedAt(), null));
				row.put("cancelledAt", Objects.toString(request.cancelledAt(), null));
				row.put("extensionReason", request.extensionReason());
				sink.accept(row);
			});
		}
	}

}
