package org.privacyportal.correction;

import java.time.Instant;
import java.util.Map;

import org.privacyportal.notification.MailOutbox;
import org.privacyportal.personaldata.Erasure;
import org.privacyportal.personaldata.PersonalData;
import org.privacyportal.personaldata.SubjectCollection;
import org.privacyportal.report.CaseCollection;
import org.privacyportal.report.CaseCollection.Closing;
import org.privacyportal.report.CaseCollection.Outcome;
import org.privacyportal.request.RequestKind;
import org.privacyportal.request.RequestStatus;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * What the shared parts need to know of correction requests: their subject data, their lifecycle and report
 * figures, their outbox.
 */
@Configuration(proxyBeanMethods = false)
class CorrectionConfiguration {

	/**
	 * The subject's correction requests, exported oldest first. Erasure keeps them as case records
	 * (field, status, dates: what the staff report counts) and empties everything personal in them: the
	 * current and proposed values, the reason, the notes and the mails not yet sent. Pending requests
	 * are cancelled first, since there is no one left to answer. Each step is conditional on what it
	 * changes, so a re-run does nothing.
	 */
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
		.erasedBy(CorrectionConfiguration::cancelOpen,
				Erasure.clear("currentValue", "proposedValue", "reason", "decisionNote", "extensionReason")
					.with(MailOutbox::clear)
					.stamp("erasedAt")
					.where(Criteria.where("erasedAt").is(null)));

	@Bean
	PersonalData.SectionAndEraser correctionRequestData(PersonalData personalData) {
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

	@Bean
	RequestKind correctionRequests() {
		return new RequestKind("correction", CorrectionRequest.class);
	}

	/** In the staff report an approved correction counts as completed. */
	@Bean
	CaseCollection correctionCases() {
		return new CaseCollection("CORRECTION", CorrectionRequest.COLLECTION, "submittedAt",
				Map.of(RequestStatus.APPROVED, new Closing(Outcome.COMPLETED, "closedAt"), RequestStatus.REJECTED,
						new Closing(Outcome.REJECTED, "closedAt"), RequestStatus.CANCELLED,
						new Closing(Outcome.CANCELLED, "closedAt")));
	}

	/** The mail announcing a change waits in the document that changed. */
	@Bean
	MailOutbox correctionMailOutbox() {
		return () -> CorrectionRequest.COLLECTION;
	}

}
