package org.privacyportal.language;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * The languages everything a subject reads is written in. A caller's language is the first of
 * these that is supported: their profile's, their token's {@code locale} claim, the request's
 * {@code Accept-Language}, and {@link #DEFAULT}; the request's is set as the locale of the request
 * and of its GraphQL execution.
 */
public final class Languages {

	public static final String DEFAULT = "en";

	public static final List<String> SUPPORTED = List.of("en", "de");

	private Languages() {
	}

	public static boolean supported(@Nullable String language) {
		return language != null && SUPPORTED.contains(language);
	}

	/**
	 * The supported language a header or claim asks for: a language tag ({@code de-AT}) or an
	 * {@code Accept-Language} list, taken in the order of its weights.
	 */
	public static Optional<String> of(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		try {
			for (Locale.LanguageRange range : Locale.LanguageRange.parse(value.replace('_', '-'))) {
				String language = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
				if (supported(language)) {
					return Optional.of(language);
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// not a language list: no preference
		}
		return Optional.empty();
	}

	/** The language of the request being served, or the default one outside a request. */
	public static String current() {
		LocaleContext context = LocaleContextHolder.getLocaleContext();
		return context == null || context.getLocale() == null ? DEFAULT
				: of(context.getLocale().toLanguageTag()).orElse(DEFAULT);
	}

	public static Locale locale(String language) {
		return Locale.forLanguageTag(supported(language) ? language : DEFAULT);
	}

}
