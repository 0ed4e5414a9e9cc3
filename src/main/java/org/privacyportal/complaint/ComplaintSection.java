package org.privacyportal.complaint;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.privacyportal.personaldata.PersonalDataSection;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The subject's complaints in an export, one row each; the conversation is {@link ComplaintMessageSection}. */
@Component
class ComplaintSection implements PersonalDataSection {

	private final MongoTemplate mongo;

	ComplaintSection(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String key() {
		return "complaints";
	}

	@Override
	public String title() {
		return "Your complaints";
	}

	@Override
	public List<String> columns() {
		return List.of("id", "category", "summary", "description", "status", "filedAt", "acknowledgedAt", "dueAt",
				"closedAt", "remedy");
	}

	@Override
	public Set<String> collections() {
		return Set.of(Complaint.COLLECTION);
	}

	@Override
	public void rows(String subjectId, Consumer<Map<String, Object>> sink) {
		try (var complaints = mongo.stream(ofSubject(subjectId), Complaint.class)) {
			complaints.forEach(complaint -> {
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("id", complaint.id());
				row.put("category", complaint.category().name());
				row.put("summary", complaint.summary());
				row.put("description", complaint.description());
				row.put("status", complaint.status().name());
				row.put("filedAt", complaint.filedAt().toString());
				row.put("acknowledgedAt", text(complaint.acknowledgedAt()));
				row.put("dueAt", complaint.dueAt().toString());
				row.put("closedAt", text(complaint.closedAt()));
				row.put("remedy", complaint.remedy());
				sink.accept(row);
			});
		}
	}

	/** The subject's complaints in a stable order, for both complaint sections. */
	static Query ofSubject(String subjectId) {
		return Query.query(Criteria.where("subjectId").is(subjectId)).with(Sort.by("filedAt", "_id"));
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return instant == null ? null : instant.toString();
	}

}
