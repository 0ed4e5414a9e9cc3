package org.privacyportal.language;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.privacyportal.security.Scopes;
import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;


import static org.assertj.core.api.Assertions.assertThat;

/** The language a caller is served in, each source in its order of precedence. */
class LanguageTests extends PortalIntegrationTest {

	private static final String ENGLISH = "Service delivery";

	private static final String GERMAN = "Erbringung unserer Dienste";

	@Test
	void anAnonymousCallerGetsTheFirstSupportedLanguageOfAcceptLanguageElseEnglish() {
		assertThat(catalogTitle(anonymous())).isEqualTo(ENGLISH);
		assertThat(catalogTitle(anonymous().header("Accept-Language", "de-DE,de;q=0.9,en;q=0.5"))).isEqualTo(GERMAN);
		assertThat(catalogTitle(anonymous().header("Accept-Language", "fr-FR, de;q=0.3"))).isEqualTo(GERMAN);
		assertThat(catalogTitle(anonymous().header("Accept-Language", "fr-FR, en;q=0.8, de;q=0.3"))).isEqualTo(ENGLISH);
		assertThat(catalogTitle(anonymous().header("Accept-Language", "fr"))).isEqualTo(ENGLISH);
		assertThat(catalogTitle(anonymous().header("Accept-Language", ";;not a list"))).isEqualTo(ENGLISH);
	}

	@Test
	void theTokensLocaleClaimComesBeforeAcceptLanguage() {
		String sub = "subject-" + UUID.randomUUID();
		PortalClient german = withLocale(sub, List.of(Scopes.SELF), "de-AT").header("Accept-Language", "en");
		PortalClient unsupported = withLocale(sub, List.of(Scopes.SELF), "fr").header("Accept-Language", "de");

		assertThat(myTitle(german)).isEqualTo(GERMAN);
		assertThat(myTitle(unsupported)).as("an unsupported claim leaves it to the header").isEqualTo(GERMAN);
		assertThat(catalogTitle(withLocale("staff-" + UUID.randomUUID(), List.of(Scopes.STAFF), "de"))).isEqualTo(GERMAN);
	}

	@Test
	void theProfileLanguageComesFirstAndClearingItFallsBackToTheToken() {
		String sub = "subject-" + UUID.randomUUID();
		PortalClient caller = withLocale(sub, List.of(Scopes.SELF), "de").header("Accept-Language", "de");

		GraphQlResponse chosen = caller.document("updatePreferences", "language", "en");

		assertThat(chosen.path("data.updatePreferences.userErrors")).isEmpty();
		assertThat(chosen.text("data.updatePreferences.subject.profile.language")).isEqualTo("en");
		GraphQlResponse me = caller.document("myLanguage");
		assertThat(me.text("data.me.profile.language")).isEqualTo("en");
		assertThat(me.text("data.me.consents.purposes.0.purpose.title")).isEqualTo(ENGLISH);
		assertThat(caller.document("updatePreferences", "language", null).path("data.updatePreferences.subject.profile.language")
			.isNull()).isTrue();
		assertThat(myTitle(caller)).isEqualTo(GERMAN);
	}

	@Test
	void anotherInstancesChangeOfTheProfileLanguageIsSeenOnceTheRefreshIntervalPassed() {
		PortalClient caller = newSubject();
		String id = caller.document("me").text("data.me.id");
		caller.document("updatePreferences", "language", "de");
		assertThat(myTitle(caller)).isEqualTo(GERMAN);

		mongo.getCollection("subjects")
			.updateOne(new Document("_id", id), new Document("$set", new Document("profile.language", "en")));

		assertThat(myTitle(caller)).as("still the language in memory").isEqualTo(GERMAN);
		clock.advance(Duration.ofMinutes(1));
		assertThat(myTitle(caller)).isEqualTo(ENGLISH);
	}

	@Test
	void aLanguageThePortalDoesNotSpeakIsInvalidAndChangesNothing() {
		PortalClient caller = newSubject();
		caller.document("updatePreferences", "language", "de");

		GraphQlResponse refused = caller.document("updatePreferences", "language", "fr");

		assertThat(refused.userErrorCodes("data.updatePreferences")).containsExactly("INVALID");
		assertThat(refused.path("data.updatePreferences.userErrors.0.field").toString())
			.isEqualTo("[\"input\",\"language\"]");
		assertThat(caller.document("myLanguage").text("data.me.profile.language")).isEqualTo("de");
		assertThat(myTitle(caller)).isEqualTo(GERMAN);
	}

	@Test
	void mailIsWrittenInTheProfileLanguageWhenSentElseInTheLanguageItWasQueuedIn() throws Exception {
		String sub = "subject-" + UUID.randomUUID();
		withLocale(sub, List.of(Scopes.SELF), "de").document("myLanguage");
		MimeMessage queuedInGerman = awaitMail(sub + "@example.com", 1).get(0);
		PortalClient english = newSubject();
		String englishAddress = english.document("me").text("data.me.profile.email");
		english.document("updatePreferences", "language", "de");
		MimeMessage chosenBeforeSending = awaitMail(englishAddress, 1).get(0);

		assertThat(queuedInGerman.getSubject()).isEqualTo("Ihre Registrierung im Datenschutzportal");
		assertThat(body(queuedInGerman)).startsWith("Hallo Locale Person,").contains("Vollständiger Name:  Locale Person")
			.contains("Wie wir sie erhalten haben: Registrierung");
		assertThat(chosenBeforeSending.getSubject()).isEqualTo("Ihre Registrierung im Datenschutzportal");
		assertThat(body(chosenBeforeSending)).contains("Telefon:             (nicht angegeben)")
			.containsPattern("am \\d{1,2}\\. \\p{L}+ \\d{4}, \\d{2}:\\d{2} UTC erhalten haben");
	}

	@Test
	void theSeededPolicyIsServedInGermanAndEnglish() {
		GraphQlResponse german = anonymous().header("Accept-Language", "de").document("policyInLanguage");
		GraphQlResponse english = anonymous().header("Accept-Language", "fr").document("policyInLanguage");

		assertThat(german.text("data.privacyPolicy.language")).isEqualTo("de");
		assertThat(german.text("data.privacyPolicy.text")).startsWith("# Datenschutzerklärung")
			.contains("## 3. Auskunft").contains("14 Tagen");
		assertThat(english.text("data.privacyPolicy.language")).isEqualTo("en");
		assertThat(english.text("data.privacyPolicy.text")).startsWith("# Privacy Policy");
		assertThat(german.text("data.privacyPolicy.version")).isEqualTo(english.text("data.privacyPolicy.version"));
	}

	@Test
	void aPolicyVersionIsPublishedWithTranslationsAndBadOnesAreInvalid() {
		String version = "l-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("version", version);
		input.put("effectiveAt", clock.instant().plus(Duration.ofDays(400)).toString());
		input.put("summary", "We reworded section 2.");
		input.put("text", "# Privacy Policy\n\nReworded.");
		input.put("material", false);
		Map<String, Object> twice = new LinkedHashMap<>(input);
		twice.put("translations", List.of(germanPolicy(), germanPolicy()));
		Map<String, Object> inEnglish = new LinkedHashMap<>(input);
		inEnglish.put("translations", List.of(Map.of("language", "en", "summary", "Again", "text", "Again")));
		Map<String, Object> translated = new LinkedHashMap<>(input);
		translated.put("translations", List.of(germanPolicy()));

		GraphQlResponse refused = admin().document("publishTranslatedPolicy", "input", twice);
		GraphQlResponse refusedEnglish = admin().document("publishTranslatedPolicy", "input", inEnglish);
		GraphQlResponse published = admin().header("Accept-Language", "de")
			.document("publishTranslatedPolicy", "input", translated);

		assertThat(refused.userErrorCodes("data.publishPolicyVersion")).containsExactly("INVALID");
		assertThat(refused.path("data.publishPolicyVersion.userErrors.0.field").toString())
			.isEqualTo("[\"input\",\"translations\",\"1\",\"language\"]");
		assertThat(refusedEnglish.userErrorCodes("data.publishPolicyVersion")).containsExactly("INVALID");
		assertThat(published.path("data.publishPolicyVersion.userErrors")).isEmpty();
		assertThat(published.text("data.publishPolicyVersion.policy.language")).isEqualTo("de");
		assertThat(published.text("data.publishPolicyVersion.policy.summary")).isEqualTo("Wir haben Abschnitt 2 neu gefasst.");
		GraphQlResponse announced = anonymous().header("Accept-Language", "en").document("policyInLanguage");
		assertThat(announced.text("data.policyVersions.edges.0.node.version")).isEqualTo(version);
		assertThat(announced.text("data.policyVersions.edges.0.node.language")).isEqualTo("en");
	}

	private static Map<String, Object> germanPolicy() {
		return Map.of("language", "de", "summary", "Wir haben Abschnitt 2 neu gefasst.", "text",
				"# Datenschutzerklärung\n\nNeu gefasst.");
	}

	private static String catalogTitle(PortalClient client) {
		GraphQlResponse response = client.document("purposeCatalog");
		assertThat(response.text("data.consentPurposes.0.key")).isEqualTo("service-delivery");
		return response.text("data.consentPurposes.0.title");
	}

	private static String myTitle(PortalClient client) {
		GraphQlResponse response = client.document("myLanguage");
		return response.text("data.me.consents.purposes.0.purpose.title");
	}

}
