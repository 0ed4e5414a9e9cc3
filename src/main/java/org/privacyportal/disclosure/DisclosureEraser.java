package org.privacyportal.disclosure;

import java.time.Clock;
import java.util.Set;

import org.privacyportal.personaldata.PersonalDataEraser;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps disclosure records through an erasure and marks them {@code subjectErasedAt}; it deletes
 * nothing.
 * <p>
 * Why: a disclosure record (§6) is the portal's own legal record that it handed information over, to
 * whom and on which basis. It is the proof the portal needs if the disclosure is questioned, and a
 * disclosure may still be confidential (a court order or an investigation) when the subject asks for
 * erasure, so deleting it could destroy evidence the portal is bound to keep; erasure laws exempt
 * records kept to comply with a legal obligation or for legal claims. The record holds none of the
 * disclosed data itself: recipient, basis, data category names and dates, tied to the subject by a
 * random id that identifies nobody once the subject's profile is erased, the same way the audit
 * trail keeps its proof. Re-running it changes nothing more; {@code $min} keeps the first erasure time.
 */
@Component
class DisclosureEraser implements PersonalDataEraser {

	private final MongoTemplate mongo;

	private final Clock clock;

	DisclosureEraser(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	@Override
	public Set<String> collections() {
		return Set.of(Disclosure.COLLECTION);
	}

	@Override
	public void erase(String subjectId) {
		mongo.updateMulti(Query.query(Criteria.where("subjectId").is(subjectId)),
				new Update().min("subjectErasedAt", clock.instant()), Disclosure.class);
	}

}
