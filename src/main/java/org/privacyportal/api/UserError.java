package org.privacyportal.api;

import java.util.List;

/**
 * A business rule that refused a mutation; the mutation changed nothing. The message is written in
 * the caller's language when the payload is answered ({@link UserErrorMessages}).
 */
public record UserError(List<String> field, Message message, UserErrorCode code) {

	public static UserError invalid(Message message, String... field) {
		return new UserError(List.of(field), message, UserErrorCode.INVALID);
	}

	public static UserError of(UserErrorCode code, Message message, String... field) {
		return new UserError(List.of(field), message, code);
	}

}
