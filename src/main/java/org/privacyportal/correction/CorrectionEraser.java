package org.privacyportal.correction;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.privacyportal.personaldata.PersonalDataEraser;
import org.privacyportal.request.RequestStatus;

import org.privacyportal.notification.MailOutbox;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps the subject's correction requests as case records (field, status, dates: what the staff
 * report counts) and empties everything personal in them: the current and proposed values, the
 * reason, the notes and the mails not yet sent. Pending requests are cancelled, since there is no
 * one left to answer. Each step is conditional on what it changes, so a re-run does nothing.
 */
@Component
class CorrectionEraser implements PersonalDataEraser {

	private final MongoTemplate mongo;

	private final Clock clock;

	CorrectionEraser(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	@Override
	public Set<String> collections() {
		return Set.of(CorrectionRequest.COLLECTION);
	}

	@Override
	public void erase(String subjectId) {
		Instant now = clock.instant();
		Query open = Query.query(Criteria.where("subjectId").is(subjectId).and("status").in(RequestStatus.OPEN));
		for (CorrectionRequest request : mongo.find(open, CorrectionRequest.class)) {
			mongo.updateFirst(
					Query.query(Criteria.where("_id").is(request.id()).and("status").in(RequestStatus.OPEN)),
					Update.update("status", RequestStatus.CANCELLED).set("closedAt", now).set("openKey", request.id()),
					CorrectionRequest.class);
		}
		mongo.updateMulti(Query.query(Criteria.where("subjectId").is(subjectId).and("erasedAt").is(null)),
				MailOutbox.clear(new Update()).unset("currentValue")
					.unset("proposedValue")
					.unset("reason")
					.unset("decisionNote")
					.unset("extensionReason")
					.set("erasedAt", now),
				CorrectionRequest.class);
	}

}
