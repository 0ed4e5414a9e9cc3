package org.privacyportal.correction;

import java.time.Instant;

import org.privacyportal.notification.MailOutbox;
import org.privacyportal.personaldata.Erasure;
import org.privacyportal.personaldata.PersonalData;
import org.privacyportal.personaldata.SubjectCollection;
import org.privacyportal.request.RequestStatus;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The subject's correction requests, exported oldest first. Erasure keeps them as case records
 * (field, status, dates: what the staff report counts) and empties everything personal in them: the
 * current and proposed values, the reason, the notes and the mails not yet sent. Pending requests
 * are cancelled first, since there is no one left to answer. Each step is conditional on what it
 * changes, so a re-run does nothing.
 */
@Configuration(proxyBeanMethods = false)
class CorrectionData {

	private static final SubjectCollection<CorrectionRequest> REQUESTS = SubjectCollection.of(CorrectionRequest.class)
		.exported("correctionRequests", "Your correction requests", 1200, "submittedAt", "id")
		.column("id", CorrectionRequest::id)
		.column("field", CorrectionRequest::field)
		.column("currentValue", CorrectionRequest::currentValue)
		.column("proposedValue", CorrectionRequest::proposedValue)
		.column("reason", CorrectionRequest::reason)
		.column("status", CorrectionRequest::status)
		.column("submittedAt", CorrectionRequest::submittedAt)
		.column("dueAt", CorrectionRequest::dueAt)
		.column("decidedAt", CorrectionRequest::decidedAt)
		.column("decisionNote", CorrectionRequest::decisionNote)
		.column("extensionReason", CorrectionRequest::extensionReason)
		.erasedBy(CorrectionData::cancelOpen,
				Erasure.clear("currentValue", "proposedValue", "reason", "decisionNote", "extensionReason")
					.with(MailOutbox::clear)
					.stamp("erasedAt")
					.where(Criteria.where("erasedAt").is(null)));

	@Bean
	PersonalData.SectionAndEraser correctionRequests(PersonalData personalData) {
		return personalData.sectionAndEraser(REQUESTS);
	}

	private static void cancelOpen(MongoOperations mongo, Class<?> type, Criteria ofSubject, Instant now) {
		for (CorrectionRequest request : mongo.find(Query.query(ofSubject.and("status").in(RequestStatus.OPEN)),
				CorrectionRequest.class)) {
			mongo.updateFirst(Query.query(Criteria.where("_id").is(request.id()).and("status").in(RequestStatus.OPEN)),
					Update.update("status", RequestStatus.CANCELLED).set("closedAt", now).set("openKey", request.id()),
					CorrectionRequest.class);
		}
	}

}
