package org.privacyportal.audit;

import java.util.Set;

import org.bson.Document;

import org.privacyportal.personaldata.PersonalDataEraser;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps every audit event (the trail is proof) and removes their details, where before and after
 * values live. The hash covers only the details' digest, which stays, so the chain still verifies.
 * Events without details (such as the completion of the erasure itself) are left as they are, so a
 * re-run finds nothing to change.
 */
@Component
class AuditEraser implements PersonalDataEraser {

	private final MongoTemplate mongo;

	AuditEraser(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Set<String> collections() {
		return Set.of(mongo.getCollectionName(AuditEvent.class));
	}

	@Override
	public void erase(String subjectId) {
		mongo.updateMulti(
				Query.query(Criteria.where("subjectId").is(subjectId).and("details").exists(true).ne(new Document())),
				new Update().unset("details"), AuditEvent.class);
	}

}
