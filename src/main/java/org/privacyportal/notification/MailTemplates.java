package org.privacyportal.notification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.privacyportal.language.Languages;
import org.privacyportal.language.ReadableTime;

import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Plain-text mail templates, one file per mail and language: {@code templates/mail/<name>.txt} in
 * the default language, {@code templates/mail/<language>/<name>.txt} in the others. Leading
 * {@code #} lines are comments (each file names the model keys it needs there), then a
 * {@code Subject:} line, then the body. {@code ${key}} is replaced by the model's value; a key the
 * model lacks is an error rather than a silent gap. Values are shown in the mail's language: ISO-8601
 * instants as dates a person reads, and the words features put in (an outcome, a field's name) as
 * the messages {@code mail.word.<key>.<word>} say them. A value that may be empty goes on a line of
 * its own: left empty, it leaves no gap between the paragraphs around it.
 */
@Component
class MailTemplates {

	static final String LOCATION = "templates/mail/";

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}");

	static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");

	/** Two or more blank lines in a row, as an empty value on a line of its own leaves them. */
	private static final Pattern BLANK_LINES = Pattern.compile("\n([ \t]*\n){2,}");

	private static final String SUBJECT_PREFIX = "Subject:";

	private static final String LIST_SEPARATOR = ", ";

	/** What features put in the model for a profile value the subject never gave. */
	private static final String NOT_GIVEN = "(not given)";

	private final Map<String, Template> cache = new ConcurrentHashMap<>();

	private final MessageSource messages;

	MailTemplates(MessageSource messages) {
		this.messages = messages;
	}

	/** The mail in {@code language}, or in the default one when the portal does not speak it. */
	RenderedMail render(String name, String language, Map<String, String> model) {
		String lang = Languages.supported(language) ? language : Languages.DEFAULT;
		Template template = cache.computeIfAbsent(lang + "/" + name, key -> load(name, lang));
		Set<String> missing = new TreeSet<>();
		// a subject line is a header: a value must not break it
		String subject = fill(template.subject(), model, lang, missing).replaceAll("\\s+", " ").strip();
		String body = BLANK_LINES.matcher(fill(template.body(), model, lang, missing)).replaceAll("\n\n");
		if (!missing.isEmpty()) {
			throw new MailTemplateException("Template " + name + " needs " + missing + ", which the mail lacks");
		}
		return new RenderedMail(subject, body);
	}

	/** The name a mail greets when the subject gave none. */
	String fallbackName(String language) {
		return messages.getMessage("mail.fallback-name", null, Languages.locale(language));
	}

	private String fill(String text, Map<String, String> model, String language, Set<String> missing) {
		Matcher matcher = PLACEHOLDER.matcher(text);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String key = matcher.group(1);
			if (!model.containsKey(key)) {
				missing.add(key);
			}
			matcher.appendReplacement(out, Matcher.quoteReplacement(display(key, model.get(key), language)));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	private String display(String key, String value, String language) {
		if (value == null) {
			return "";
		}
		Locale locale = Languages.locale(language);
		if (value.equals(NOT_GIVEN)) {
			return messages.getMessage("mail.not-given", null, locale);
		}
		String word = word(key, value, locale);
		if (word != null) {
			return word;
		}
		if (value.contains(LIST_SEPARATOR) && word(key, value.split(LIST_SEPARATOR)[0], locale) != null) {
			return Arrays.stream(value.split(LIST_SEPARATOR))
				.map(item -> Objects.requireNonNullElse(word(key, item, locale), item))
				.collect(Collectors.joining(LIST_SEPARATOR));
		}
		return ReadableTime.ifInstant(value, language);
	}

	private @Nullable String word(String key, String value, Locale locale) {
		return messages.getMessage("mail.word." + key + "." + value.replace(' ', '-'), null, null, locale);
	}

	private static Template load(String name, String language) {
		if (!NAME.matcher(name).matches()) {
			throw new MailTemplateException("No mail template '" + name + "'");
		}
		ClassPathResource resource = new ClassPathResource(
				LOCATION + (language.equals(Languages.DEFAULT) ? "" : language + "/") + name + ".txt");
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
