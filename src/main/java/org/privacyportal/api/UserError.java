package org.privacyportal.api;

import java.util.List;

/** A business rule that refused a mutation; the mutation changed nothing. */
public record UserError(List<String> field, String message, UserErrorCode code) {

	public static UserError invalid(String message, String... field) {
		return new UserError(List.of(field), message, UserErrorCode.INVALID);
	}

	public static UserError of(UserErrorCode code, String message, String... field) {
		return new UserError(List.of(field), message, code);
	}

}
