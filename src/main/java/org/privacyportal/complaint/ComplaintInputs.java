package org.privacyportal.complaint;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.Message;
import org.privacyportal.api.UserError;
import org.privacyportal.complaint.Complaint.StaffUpdate;
import org.privacyportal.complaint.ComplaintViews.UpdateComplaintInput;

/** The checks of what callers send, before any complaint is read: lengths and required texts. */
final class ComplaintInputs {

	static final int MAX_SUMMARY_LENGTH = 200;

	static final int MAX_TEXT_LENGTH = 5000;

	static final int MAX_REMEDY_LENGTH = 2000;

	static final int MAX_ASSIGNEE_LENGTH = 200;

	private ComplaintInputs() {
	}

	/** The update as staff asked it, trimmed, with the user errors that keep it from being applied. */
	static StaffUpdate staffUpdate(UpdateComplaintInput input, List<UserError> errors) {
		String reply = optionalText(input.reply(), MAX_TEXT_LENGTH, errors, "input", "reply");
		String note = optionalText(input.internalNote(), MAX_TEXT_LENGTH, errors, "input", "internalNote");
		String remedy = optionalText(input.remedy(), MAX_REMEDY_LENGTH, errors, "input", "remedy");
		String assignee = input.assignee() == null ? null : input.assignee().strip();
		if (assignee != null && assignee.length() > MAX_ASSIGNEE_LENGTH) {
			errors.add(UserError.invalid(new Message("error.too-long.assignee", MAX_ASSIGNEE_LENGTH), "input",
					"assignee"));
		}
		ComplaintStatus next = input.status();
		if (next == null && reply == null && note == null && remedy == null && assignee == null && errors.isEmpty()) {
			errors.add(UserError.invalid(new Message("error.complaint.nothing"), "input"));
		}
		if (next == ComplaintStatus.DISMISSED && reply == null && remedy == null && errors.isEmpty()) {
			errors.add(UserError.invalid(new Message("error.complaint.dismissal"), "input", "reply"));
		}
		return new StaffUpdate(next, reply, note, remedy, assignee);
	}

	/** Trimmed; a user error ({@code error.give.<field>}) unless 1 to {@code maxLength} characters remain. */
	static String requireText(@Nullable String value, int maxLength, List<UserError> errors, String... field) {
		String text = value == null ? "" : value.strip();
		if (text.isEmpty() || text.length() > maxLength) {
			errors.add(UserError.invalid(new Message("error.give." + field[field.length - 1], maxLength), field));
		}
		return text;
	}

	private static @Nullable String optionalText(@Nullable String value, int maxLength, List<UserError> errors,
			String... field) {
		return value == null ? null : requireText(value, maxLength, errors, field);
	}

}
