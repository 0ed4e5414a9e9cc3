package org.privacyportal.deletion;

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
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * What the shared parts need to know of deletion requests: their subject data, their lifecycle and report
 * figures, their outbox.
 */
@Configuration(proxyBeanMethods = false)
class DeletionConfiguration {

	/**
	 * The subject's deletion requests, exported oldest first. Erasure keeps them as case records (status
	 * and dates) and empties their free text: the subject's reason and the extension reason written to
	 * them. Mails not yet sent go too, as there is no address left to send them to, except on a completed
	 * request: its outbox holds only its completion mail, added afterwards with its own address, which
	 * must survive a re-run. Unsetting what is already unset changes nothing, so a re-run is harmless.
	 */
	private static final SubjectCollection<DeletionRequest> REQUESTS = SubjectCollection.of(DeletionRequest.class)
		.exported("deletionRequests", "Your deletion requests", 1300, "submittedAt", "id")
		.column("id", DeletionRequest::id)
		.column("status", DeletionRequest::status)
		.column("reason", DeletionRequest::reason)
		.column("submittedAt", DeletionRequest::submittedAt)
		.column("scheduledFor", DeletionRequest::scheduledFor)
		.column("dueAt", DeletionRequest::dueAt)
		.column("completedAt", DeletionRequest::completedAt)
		.column("cancelledAt", DeletionRequest::cancelledAt)
		.column("extensionReason", DeletionRequest::extensionReason)
		.erasedBy(Erasure.clear("reason", "extensionReason"),
				Erasure.clear().with(MailOutbox::clear).where(Criteria.where("status").ne(RequestStatus.COMPLETED)));

	@Bean
	PersonalData.SectionAndEraser deletionRequestData(PersonalData personalData) {
		return personalData.sectionAndEraser(REQUESTS);
	}

	@Bean
	RequestKind deletionRequests() {
		return new RequestKind("deletion", DeletionRequest.class);
	}

	/** In the staff report a deletion is completed when the data was erased; it is never rejected. */
	@Bean
	CaseCollection deletionCases() {
		return new CaseCollection("DELETION", DeletionRequest.COLLECTION, "submittedAt",
				Map.of(RequestStatus.COMPLETED, new Closing(Outcome.COMPLETED, "completedAt"), RequestStatus.CANCELLED,
						new Closing(Outcome.CANCELLED, "cancelledAt")));
	}

	/** The mail announcing a change waits in the document that changed. */
	@Bean
	MailOutbox deletionMailOutbox() {
		return () -> DeletionRequest.COLLECTION;
	}

}
