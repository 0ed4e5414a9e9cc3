package org.privacyportal.complaint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.privacyportal.personaldata.CustomSection;

import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The conversations of the subject's complaints in an export, one row per message; internal notes are left out. */
@Component
@Order(1000)
class ComplaintMessageSection extends CustomSection {

	private final MongoTemplate mongo;

	ComplaintMessageSection(MongoTemplate mongo) {
		super("complaintMessages", "Messages about your complaints", Set.of(Complaint.COLLECTION), "complaintId", "id",
				"at", "author", "body");
		this.mongo = mongo;
	}

	@Override
	public void rows(String subjectId, Consumer<Map<String, Object>> sink) {
		Query query = Query.query(Criteria.where("subjectId").is(subjectId)).with(Sort.by(ComplaintConfiguration.ORDER));
		try (var complaints = mongo.stream(query, Complaint.class)) {
			complaints.forEach(complaint -> complaint.messages()
				.stream()
				.filter(message -> !message.internal())
				.forEach(message -> {
					Map<String, Object> row = new LinkedHashMap<>();
					row.put("complaintId", complaint.id());
					row.put("id", message.id());
					row.put("at", message.at().toString());
					row.put("author", message.author());
					row.put("body", message.body());
					sink.accept(row);
				}));
		}
	}

}
