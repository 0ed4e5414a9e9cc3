package org.privacyportal.request;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.Message;
import org.privacyportal.api.UserError;
import org.privacyportal.notification.PendingMail;

import org.springframework.data.mongodb.core.query.Criteria;

/**
 * The deadline rules of requests: an answer is due 30 days after submission, and staff may extend
 * that once, by 1 to 60 days, with a reason the subject sees. Complaints, with deadlines of their
 * own, share the overdue filter.
 */
public final class RequestDeadlines {

	public static final Duration RESPONSE_TIME = Duration.ofDays(30);

	static final int MAX_EXTENSION_DAYS = 60;

	/** The longest reason, note or extension reason a request carries. */
	public static final int MAX_TEXT_LENGTH = 1000;

	private RequestDeadlines() {
	}

	/**
	 * Open and past {@code dueAt} at {@code now} when {@code overdue} is true, everything else when
	 * false; null when it is not asked.
	 */
	public static @Nullable Criteria overdue(@Nullable Boolean overdue, Collection<?> open, Instant now) {
		if (overdue == null) {
			return null;
		}
		return overdue ? Criteria.where("status").in(open).and("dueAt").lt(now)
				: new Criteria().orOperator(Criteria.where("status").nin(open), Criteria.where("dueAt").gte(now));
	}

	/** The user error of a free text longer than {@link #MAX_TEXT_LENGTH}, named by its field; null if it fits. */
	public static @Nullable UserError tooLong(@Nullable String text, String... field) {
		if (text == null || text.length() <= MAX_TEXT_LENGTH) {
			return null;
		}
		return UserError.invalid(new Message("error.too-long." + field[field.length - 1], MAX_TEXT_LENGTH), field);
	}

	/** The user errors of an {@code ExtendRequestDeadlineInput}; empty when it may be applied. */
	static List<UserError> checkExtension(int days, @Nullable String reason) {
		List<UserError> errors = new ArrayList<>();
		if (days < 1 || days > MAX_EXTENSION_DAYS) {
			errors.add(UserError.invalid(new Message("error.request.extend-days", MAX_EXTENSION_DAYS), "input", "days"));
		}
		String text = text(reason);
		if (text == null || text.length() > MAX_TEXT_LENGTH) {
			errors.add(UserError.invalid(new Message("error.request.extension-reason", MAX_TEXT_LENGTH), "input",
					"reason"));
		}
		return errors;
	}

	/**
	 * The {@code deadline-extended} mail, the same for every kind of request.
	 *
	 * @param requestType how the subject calls the request: {@code correction} or {@code deletion}
	 * @param reason the reason written to the subject
	 */
	static PendingMail extensionMail(String subjectId, String requestId, String requestType, Instant dueAt,
			String reason, Instant now) {
		Map<String, String> model = new LinkedHashMap<>();
		model.put("requestId", requestId);
		model.put("requestType", requestType);
		model.put("dueAt", dueAt.toString());
		model.put("reason", reason);
		return PendingMail.of("deadline-extended", subjectId, model, now);
	}

	/** Free text as stored: trimmed, and null when blank. */
	public static @Nullable String text(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return value.strip();
	}

}
