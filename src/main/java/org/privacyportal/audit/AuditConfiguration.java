package org.privacyportal.audit;

import org.bson.Document;

import org.privacyportal.personaldata.Erasure;
import org.privacyportal.personaldata.PersonalData;
import org.privacyportal.personaldata.PersonalDataEraser;
import org.privacyportal.personaldata.SubjectCollection;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Erasure keeps every audit event (the trail is proof) and removes their details, where before and
 * after values live. The hash covers only the details' digest, which stays, so the chain still
 * verifies; then the subject's digest key goes, so the digests can no longer confirm a guess at the
 * details (in this order, so that a run stopped in between leaves a chain that still verifies). Events without details (such as the completion of the erasure itself) are left as they
 * are, so a re-run finds nothing to change. The trail is not exported.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	private static final SubjectCollection<AuditEvent> EVENTS = SubjectCollection.of(AuditEvent.class)
		.erasedBy(Erasure.clear("details").where(Criteria.where("details").exists(true).ne(new Document())),
				(mongo, type, ofSubject, now) -> mongo.remove(Query.query(ofSubject), AuditKey.class));

	@Bean
	PersonalDataEraser auditEraser(PersonalData personalData) {
		return personalData.eraser(EVENTS);
	}

}
