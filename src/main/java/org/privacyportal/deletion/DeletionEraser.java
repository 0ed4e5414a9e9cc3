package org.privacyportal.deletion;

import java.util.List;
import java.util.Set;

import org.privacyportal.request.RequestStatus;
import org.privacyportal.personaldata.PersonalDataEraser;

import org.privacyportal.notification.MailOutbox;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps the subject's deletion requests as case records (status and dates) and empties their free
 * text: the subject's reason and the extension reason written to them. Mails not yet sent go too,
 * as there is no address left to send them to; the completion mail is added afterwards with its
 * own and is left alone. Unsetting what is already unset changes nothing, so a re-run is harmless.
 */
@Component
class DeletionEraser implements PersonalDataEraser {

	private final MongoTemplate mongo;

	DeletionEraser(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Set<String> collections() {
		return Set.of(DeletionRequest.COLLECTION);
	}

	@Override
	public void erase(String subjectId) {
		mongo.updateMulti(Query.query(Criteria.where("subjectId").is(subjectId)),
				new Update().unset("reason").unset("extensionReason"), DeletionRequest.class);
		// a completed request's outbox holds only its completion mail, which must survive a re-run
		mongo.updateMulti(
				Query.query(Criteria.where("subjectId").is(subjectId).and("status").ne(RequestStatus.COMPLETED)),
				MailOutbox.clear(new Update()), DeletionRequest.class);
	}

}
