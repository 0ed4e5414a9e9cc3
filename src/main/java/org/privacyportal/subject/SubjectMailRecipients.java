package org.privacyportal.subject;

import java.util.Optional;

import org.privacyportal.notification.MailRecipients;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Subjects are where every mail's address comes from, read when the mail is sent. */
@Component
class SubjectMailRecipients implements MailRecipients {

	private final MongoTemplate mongo;

	SubjectMailRecipients(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Optional<Recipient> find(String subjectId) {
		Subject subject = mongo.findById(subjectId, Subject.class);
		if (subject == null || subject.profile() == null || subject.profile().email() == null
				|| subject.profile().email().isBlank()) {
			return Optional.empty();
		}
		return Optional.of(new Recipient(subject.profile().email(), subject.profile().fullName(),
				subject.profile().language()));
	}

}
