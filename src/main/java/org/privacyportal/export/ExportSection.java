package org.privacyportal.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.privacyportal.personaldata.PersonalDataSection;

import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The subject's export requests, this one included; the files themselves are copies, not data. */
@Component
@Order(900)
class ExportSection implements PersonalDataSection {

	private final MongoTemplate mongo;

	ExportSection(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String key() {
		return "dataExports";
	}

	@Override
	public String title() {
		return "Copies of your data you asked for";
	}

	@Override
	public List<String> columns() {
		return List.of("requestedAt", "format", "status", "completedAt", "expiresAt");
	}

	@Override
	public Set<String> collections() {
		return Set.of(mongo.getCollectionName(DataExport.class));
	}

	@Override
	public void rows(String subjectId, Consumer<Map<String, Object>> sink) {
		Query query = Query.query(Criteria.where("subjectId").is(subjectId)).with(Sort.by("requestedAt", "_id"));
		for (DataExport export : mongo.find(query, DataExport.class)) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("requestedAt", export.requestedAt().toString());
			row.put("format", export.format().name());
			row.put("status", export.status().name());
			row.put("completedAt", export.completedAt() == null ? null : export.completedAt().toString());
			row.put("expiresAt", export.expiresAt() == null ? null : export.expiresAt().toString());
			sink.accept(row);
		}
	}

}
