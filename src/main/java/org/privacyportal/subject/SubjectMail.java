package org.privacyportal.subject;

import java.util.Optional;

import org.privacyportal.notification.MailOutbox;
import org.privacyportal.notification.MailRecipients;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Subjects carry the registration mail in their outbox, and are where every mail's address comes from. */
@Component
class SubjectMail implements MailOutbox, MailRecipients {

	private final MongoTemplate mongo;

	SubjectMail(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String collection() {
		return mongo.getCollectionName(Subject.class);
	}

	@Override
	public Optional<Recipient> find(String subjectId) {
		Subject subject = mongo.findById(subjectId, Subject.class);
		if (subject == null || subject.profile() == null || subject.profile().email() == null
				|| subject.profile().email().isBlank()) {
			return Optional.empty();
		}
		return Optional.of(new Recipient(subject.profile().email(), subject.profile().fullName()));
	}

}
