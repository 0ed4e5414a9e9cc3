package org.privacyportal.notification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Plain-text mail templates, one file per mail under {@code templates/mail/<name>.txt}: leading
 * {@code #} lines are comments (each file names the model keys it needs there), then a
 * {@code Subject:} line, then the body. {@code ${key}} is replaced by the model's value; a key the
 * model lacks is an error rather than a silent gap, and values that are ISO-8601 instants are shown
 * as dates a person reads. A value that may be empty goes on a line of its own: left empty, it
 * leaves no gap between the paragraphs around it.
 */
@Component
class MailTemplates {

	static final String LOCATION = "templates/mail/";

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}");

	static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");

	private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	/** Two or more blank lines in a row, as an empty value on a line of its own leaves them. */
	private static final Pattern BLANK_LINES = Pattern.compile("\n([ \t]*\n){2,}");

	private static final String SUBJECT_PREFIX = "Subject:";

	private final Map<String, Template> cache = new ConcurrentHashMap<>();

	RenderedMail render(String name, Map<String, String> model) {
		Template template = cache.computeIfAbsent(name, MailTemplates::load);
		Set<String> missing = new TreeSet<>();
		// a subject line is a header: a value must not break it
		String subject = fill(template.subject(), model, missing).replaceAll("\\s+", " ").strip();
		String body = BLANK_LINES.matcher(fill(template.body(), model, missing)).replaceAll("\n\n");
		if (!missing.isEmpty()) {
			throw new MailTemplateException("Template " + name + " needs " + missing + ", which the mail lacks");
		}
		return new RenderedMail(subject, body);
	}

	private static String fill(String text, Map<String, String> model, Set<String> missing) {
		Matcher matcher = PLACEHOLDER.matcher(text);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String key = matcher.group(1);
			if (!model.containsKey(key)) {
				missing.add(key);
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(display(model.get(key))));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	private static String display(String value) {
		if (value == null) {
			return "";
		}
		return INSTANT.matcher(value).matches() ? DATE.format(Instant.parse(value)) : value;
	}

	private static Template load(String name) {
		if (!NAME.matcher(name).matches()) {
			throw new MailTemplateException("No mail template '" + name + "'");
		}
		ClassPathResource resource = new ClassPathResource(LOCATION + name + ".txt");
		if (!resource.exists()) {
			throw new MailTemplateException("No mail template '" + name + "'");
		}
		try {
			return parse(name, resource.getContentAsString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new MailTemplateException("Mail template '" + name + "' cannot be read: " + ex.getMessage());
		}
	}

	static Template parse(String name, String content) {
		List<String> lines = new ArrayList<>(content.lines().toList());
		while (!lines.isEmpty() && lines.get(0).startsWith("#")) {
			lines.remove(0);
		}
		if (lines.isEmpty() || !lines.get(0).startsWith(SUBJECT_PREFIX)) {
			throw new MailTemplateException("Mail template '" + name + "' must start with a Subject: line");
		}
		String subject = lines.remove(0).substring(SUBJECT_PREFIX.length()).strip();
		while (!lines.isEmpty() && lines.get(0).isBlank()) {
			lines.remove(0);
		}
		return new Template(subject, String.join("\n", lines).stripTrailing() + "\n");
	}

	record Template(String subject, String body) {
	}

	record RenderedMail(String subject, String body) {
	}

	/** The mail cannot be built; trying again will not help. */
	static class MailTemplateException extends RuntimeException {

		MailTemplateException(String message) {
			super(message);
		}

	}

}
