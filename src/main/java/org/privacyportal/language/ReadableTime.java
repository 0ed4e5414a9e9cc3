package org.privacyportal.language;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** Instants as a person reads them in mails and the export's report, in UTC, in their language. */
public final class ReadableTime {

	/** An ISO-8601 instant as the portal writes them. */
	private static final Pattern ISO_INSTANT = Pattern
		.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");

	private static final Map<String, DateTimeFormatter> FORMATS = Map.of(
			"en", DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Languages.locale("en")),
			"de", DateTimeFormatter.ofPattern("d. MMMM uuuu, HH:mm 'UTC'", Languages.locale("de")));

	private ReadableTime() {
	}

	public static String format(Instant instant, String language) {
		return FORMATS.getOrDefault(language, FORMATS.get(Languages.DEFAULT)).withZone(ZoneOffset.UTC).format(instant);
	}

	/** The text as written unless it is an ISO-8601 instant. */
	public static @Nullable String ifInstant(@Nullable String text, String language) {
		if (text == null || !ISO_INSTANT.matcher(text).matches()) {
			return text;
		}
		try {
			return format(Instant.parse(text), language);
		}
		catch (DateTimeParseException ex) {
			// not a real instant after all: shown as written
			return text;
		}
	}

}
