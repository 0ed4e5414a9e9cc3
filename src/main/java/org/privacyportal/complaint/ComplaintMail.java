package org.privacyportal.complaint;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.privacyportal.notification.PendingMail;

/**
 * The mail a complaint sends ({@code complaint-received}, {@code complaint-reply},
 * {@code complaint-decided}); a model carries only what the subject may read, never an internal note.
 */
final class ComplaintMail {

	static final String RECEIVED = "complaint-received";

	static final String REPLY = "complaint-reply";

	static final String DECIDED = "complaint-decided";

	private ComplaintMail() {
	}

	static PendingMail received(String complaintId, String subjectId, String summary, Instant filedAt,
			Instant acknowledgeBy, Instant resolveBy) {
		Map<String, String> model = new LinkedHashMap<>();
		model.put("complaintId", complaintId);
		model.put("summary", summary);
		model.put("filedAt", filedAt.toString());
		model.put("acknowledgeBy", acknowledgeBy.toString());
		model.put("resolveBy", resolveBy.toString());
		return PendingMail.of(RECEIVED, subjectId, model, filedAt);
	}

	/**
	 * The subject hears of a decision, or else of a reply; null when neither happened. A decision's
	 * reply and remedy may each be empty.
	 */
	static @Nullable PendingMail afterUpdate(Complaint complaint, @Nullable ComplaintStatus decided,
			@Nullable String reply, @Nullable String remedy, Instant now) {
		if (decided == null && reply == null) {
			return null;
		}
		Map<String, String> model = new LinkedHashMap<>();
		model.put("complaintId", complaint.id());
		model.put("summary", complaint.summary());
		model.put("reply", reply == null ? "" : reply);
		if (decided != null) {
			model.put("outcome", decided.label());
			model.put("remedy", remedy == null ? "" : remedy);
		}
		return PendingMail.of(decided != null ? DECIDED : REPLY, complaint.subjectId(), model, now);
	}

}
