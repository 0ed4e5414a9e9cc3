package org.privacyportal.notification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

import org.privacyportal.language.Languages;
import org.privacyportal.notification.MailTemplates.MailTemplateException;
import org.privacyportal.notification.MailTemplates.RenderedMail;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailTemplatesTests {

	/** The mails the features write into their outboxes (issue 4), and registration. */
	private static final Set<String> MAILS = Set.of("registration", "correction-submitted", "correction-decided",
			"deletion-requested", "deletion-completed", "deletion-cancelled", "deadline-extended", "complaint-received",
			"complaint-reply", "complaint-decided", "export-ready");

	private final MailTemplates templates = new MailTemplates(messages());

	static MessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

	@Test
	void thereIsATemplateForEveryMailInEveryLanguage() throws IOException {
		for (String language : Languages.SUPPORTED) {
			assertThat(templateFiles(language).keySet()).as(language).containsExactlyInAnyOrderElementsOf(MAILS);
		}
	}

	@Test
	void everyLanguagesTemplateNeedsTheSameModel() throws IOException {
		Map<String, String> english = templateFiles(Languages.DEFAULT);
		for (String language : Languages.SUPPORTED) {
			templateFiles(language).forEach((name, content) -> assertThat(placeholders(content))
				.as("placeholders of %s in %s", name, language)
				.containsExactlyInAnyOrderElementsOf(placeholders(english.get(name))));
		}
	}

	@Test
	void everyTemplateNamesItsModelAndRendersEveryPlaceholder() throws IOException {
		for (String language : Languages.SUPPORTED) {
			everyTemplateNamesItsModelAndRendersEveryPlaceholder(language);
		}
	}

	private void everyTemplateNamesItsModelAndRendersEveryPlaceholder(String language) throws IOException {
		for (Map.Entry<String, String> template : templateFiles(language).entrySet()) {
			String name = template.getKey();
			Set<String> documented = documentedModel(template.getValue());
			Set<String> used = placeholders(template.getValue());
			used.remove("recipientName");
			assertThat(used).as("placeholders of %s against its Model: comment", name)
				.containsExactlyInAnyOrderElementsOf(documented);

			Map<String, String> model = new HashMap<>();
			documented.forEach(key -> model.put(key, "sample-" + key));
			model.put("recipientName", "Alice");
			RenderedMail mail = templates.render(name, language, model);

			assertThat(mail.subject()).as(name).isNotBlank().doesNotContain("${").doesNotContain("\n");
			assertThat(mail.body()).as(name).doesNotContain("${").doesNotStartWith("#").doesNotContain("Subject:");
			documented.forEach(key -> assertThat(mail.subject() + mail.body()).as(name).contains("sample-" + key));
		}
	}

	@Test
	void theExportReadyMailHasNoLinkAndSendsThePersonToSignIn() {
		RenderedMail mail = templates.render("export-ready", Languages.DEFAULT,
				Map.of("recipientName", "Alice", "exportId", "e-1", "format", "ZIP", "expiresAt", "2026-12-07T10:00:00Z"));

		assertThat(mail.body()).doesNotContain("http").doesNotContain("://").doesNotContain("token").contains("sign in");
	}

	@Test
	void instantsAreShownAsDatesAPersonReads() {
		RenderedMail mail = templates.render("deletion-cancelled", Languages.DEFAULT,
				Map.of("recipientName", "Alice", "requestId", "r-1", "cancelledAt", "2026-11-30T17:05:09.123Z"));

		assertThat(mail.body()).contains("30 November 2026, 17:05 UTC");
	}

	@Test
	void aValueCannotBreakTheSubjectLine() {
		RenderedMail mail = templates.render("deadline-extended", Languages.DEFAULT, Map.of("recipientName", "Alice",
				"requestId", "r-1", "requestType", "correction\r\nBcc: someone@example.org", "dueAt", "2026-12-01T00:00:00Z", "reason", "x"));

		assertThat(mail.subject()).doesNotContain("\n").doesNotContain("\r").startsWith("We need more time");
	}

	@Test
	void anEmptyValueOnALineOfItsOwnLeavesNoGap() {
		RenderedMail mail = templates.render("complaint-decided", Languages.DEFAULT, Map.of("recipientName", "Alice",
				"complaintId", "c-1", "summary", "Too much mail", "outcome", "resolved", "reply", "", "remedy", "We took you off the list."));

		assertThat(mail.body()).contains("was resolved.\n\nWe took you off the list.\n\nSign in")
			.doesNotContain("\n\n\n");
	}

	@Test
	void aGermanMailSaysTheFeaturesWordsAndDatesInGerman() {
		RenderedMail decided = templates.render("complaint-decided", "de", Map.of("recipientName", "Anna",
				"complaintId", "c-1", "summary", "resolved", "outcome", "resolved", "reply", "", "remedy", ""));
		RenderedMail registered = templates.render("registration", "de", Map.of("recipientName", "Anna", "fullName",
				"Anna Beispiel", "email", "anna@example.org", "phone", "(not given)", "postalAddress", "(not given)",
				"organization", "(not given)", "sources", "registration, survey", "registeredAt", "2026-03-05T09:07:00Z"));

		assertThat(decided.subject()).isEqualTo("Ihre Beschwerde wurde erledigt");
		assertThat(decided.body()).as("a subject's own words stay as written").contains("„resolved“ wurde erledigt.");
		assertThat(registered.body()).contains("am 5. März 2026, 09:07 UTC")
			.contains("Telefon:             (nicht angegeben)")
			.contains("Wie wir sie erhalten haben: Registrierung, Umfrage");
		assertThat(templates.fallbackName("de")).isEqualTo("zusammen");
		assertThat(templates.render("export-ready", "fr", Map.of("recipientName", "Anna", "exportId", "e-1", "format",
				"ZIP", "expiresAt", "2026-03-05T09:07:00Z")).subject()).as("a language the portal does not speak")
			.isEqualTo("Your data export is ready");
	}

	@Test
	void aMissingValueIsAnErrorNotAGap() {
		assertThatThrownBy(() -> templates.render("export-ready", Languages.DEFAULT, Map.of("recipientName", "Alice")))
			.isInstanceOf(MailTemplateException.class)
			.hasMessageContaining("exportId").hasMessageContaining("format").hasMessageContaining("expiresAt");
	}

	@Test
	void unknownAndMalformedTemplateNamesAreErrors() {
		assertThatThrownBy(() -> templates.render("no-such-mail", Languages.DEFAULT, Map.of()))
			.isInstanceOf(MailTemplateException.class);
		assertThatThrownBy(() -> templates.render("../application", Languages.DEFAULT, Map.of()))
			.isInstanceOf(MailTemplateException.class);
	}

	@Test
	void aTemplateWithoutASubjectLineIsRefused() {
		assertThatThrownBy(() -> MailTemplates.parse("broken", "# comment\nHello\n"))
			.isInstanceOf(MailTemplateException.class);
	}

	private static Map<String, String> templateFiles(String language) throws IOException {
		Map<String, String> files = new HashMap<>();
		String folder = language.equals(Languages.DEFAULT) ? "" : language + "/";
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath:" + MailTemplates.LOCATION + folder + "*.txt")) {
			String name = resource.getFilename().substring(0, resource.getFilename().length() - ".txt".length());
			files.put(name, resource.getContentAsString(StandardCharsets.UTF_8));
		}
		return files;
	}

	/** The keys on the {@code # Model:} comment line, without their explanations in parentheses. */
	private static Set<String> documentedModel(String content) {
		String line = content.lines()
			.filter(l -> l.startsWith("# Model:"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no # Model: line"));
		String keys = line.substring("# Model:".length()).replaceAll("\\([^)]*\\)", "");
		Set<String> documented = new LinkedHashSet<>();
		Arrays.stream(keys.split(",")).map(String::strip).filter(k -> !k.isEmpty()).forEach(documented::add);
		return documented;
	}

	private static Set<String> placeholders(String content) {
		Set<String> used = new LinkedHashSet<>();
		Matcher matcher = MailTemplates.PLACEHOLDER.matcher(content);
		while (matcher.find()) {
			used.add(matcher.group(1));
		}
		return used;
	}

	@Test
	void commentsAreNotPartOfTheMail() {
		MailTemplates.Template template = MailTemplates.parse("t", "# one\n# two\nSubject: Hi ${a}\n\n\nBody ${b}\n\n");

		assertThat(template.subject()).isEqualTo("Hi ${a}");
		assertThat(template.body()).isEqualTo("Body ${b}\n");
		assertThat(List.of(template.subject(), template.body())).noneMatch(part -> part.contains("#"));
	}

}
