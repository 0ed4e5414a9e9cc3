package org.privacyportal.language;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.Message;
import org.privacyportal.api.UserError;

/**
 * The languages of the translations an admin gives with a text (a purpose, a policy version): each
 * an ISO 639 code, given once, and never the default language, which is the text itself. Any code
 * is kept, so a translation can be added before the portal speaks its language.
 */
public final class TranslationLanguages {

	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

	private final Set<String> seen = new HashSet<>();

	/** The refusal of the translation at {@code index}, whose language is at {@code field} + index + "language". */
	public Optional<UserError> check(@Nullable String language, int index, String... field) {
		String[] at = new String[field.length + 2];
		System.arraycopy(field, 0, at, 0, field.length);
		at[field.length] = Integer.toString(index);
		at[field.length + 1] = "language";
		String code = language == null ? "" : language.strip();
		if (!LANGUAGE.matcher(code).matches()) {
			return Optional.of(UserError.invalid(new Message("error.translation.language"), at));
		}
		if (code.equals(Languages.DEFAULT) || !seen.add(code)) {
			return Optional.of(UserError.invalid(new Message("error.translation.twice", code, Languages.DEFAULT), at));
		}
		return Optional.empty();
	}

}
