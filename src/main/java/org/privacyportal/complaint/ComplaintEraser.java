package org.privacyportal.complaint;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.privacyportal.personaldata.PersonalDataEraser;

import org.privacyportal.notification.MailOutbox;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Erases what the subject wrote and was told (summary, description, the conversation, the remedy)
 * and any mail still waiting about it. Category, status and dates stay: they hold nothing about the
 * person and are what the staff report counts. Re-running it changes nothing more; {@code $min}
 * keeps the first erasure time.
 */
@Component
class ComplaintEraser implements PersonalDataEraser {

	private final MongoTemplate mongo;

	private final Clock clock;

	ComplaintEraser(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	@Override
	public Set<String> collections() {
		return Set.of(Complaint.COLLECTION);
	}

	@Override
	public void erase(String subjectId) {
		Update update = MailOutbox.clear(new Update()).set("summary", "")
			.set("description", "")
			.set("messages", List.of())
			.unset("remedy")
			.min("erasedAt", clock.instant());
		mongo.updateMulti(Query.query(Criteria.where("subjectId").is(subjectId)), update, Complaint.class);
	}

}
