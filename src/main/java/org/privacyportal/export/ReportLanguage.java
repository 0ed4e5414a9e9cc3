package org.privacyportal.export;

import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.privacyportal.language.Languages;
import org.privacyportal.language.ReadableTime;
import org.privacyportal.personaldata.PersonalDataSection;

import org.springframework.context.MessageSource;

/**
 * The words of one export's report and CSV files, in the subject's language: messages
 * {@code export.report.*}, {@code export.section.<key>}, {@code export.column.<column>} and
 * {@code enum.<type>.<constant>}; a section, column or constant without a message keeps the words it
 * was declared with.
 */
record ReportLanguage(String language, MessageSource messages) {

	Locale locale() {
		return Languages.locale(language);
	}

	String text(String key, Object... args) {
		return messages.getMessage("export.report." + key, args, locale());
	}

	String title(PersonalDataSection section) {
		return messages.getMessage("export.section." + section.key(), null, section.title(), locale());
	}

	String heading(String column) {
		return messages.getMessage("export.column." + column, null, ExportArchive.heading(column), locale());
	}

	String time(Instant instant) {
		return ReadableTime.format(instant, language);
	}

	/** An enum constant in words, any other value as it is. */
	@Nullable Object value(@Nullable Object value) {
		if (value instanceof Enum<?> constant) {
			return messages.getMessage("enum." + constant.getDeclaringClass().getSimpleName() + "." + constant.name(), null,
					constant.name(), locale());
		}
		return value;
	}

	/** A value as the report shows it: yes or no, a constant in words, a readable time, or as written. */
	String readable(@Nullable Object value) {
		if (value instanceof Boolean bool) {
			return text(bool ? "yes" : "no");
		}
		if (value instanceof Enum<?>) {
			return String.valueOf(value(value));
		}
		return ReadableTime.ifInstant(String.valueOf(value), language);
	}

}
