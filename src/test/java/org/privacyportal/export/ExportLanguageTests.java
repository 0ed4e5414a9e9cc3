package org.privacyportal.export;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.privacyportal.language.Languages;
import org.privacyportal.personaldata.PersonalDataSection;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacyportal.export.ExportTestSupport.awaitStatus;
import static org.privacyportal.export.ExportTestSupport.download;
import static org.privacyportal.export.ExportTestSupport.parseCsv;
import static org.privacyportal.export.ExportTestSupport.unzip;

/** The export's report and CSV headers in the subject's language. */
class ExportLanguageTests extends PortalIntegrationTest {

	@Autowired
	private MessageSource messages;

	@Autowired
	private List<PersonalDataSection> sections;

	@Test
	void everySectionAndColumnHasItsWordsInEveryLanguage() {
		for (String language : Languages.SUPPORTED) {
			Locale locale = Languages.locale(language);
			for (PersonalDataSection section : sections) {
				assertThat(messages.getMessage("export.section." + section.key(), null, null, locale))
					.as("export.section.%s in %s", section.key(), language)
					.isNotBlank();
				section.columns()
					.forEach(column -> assertThat(messages.getMessage("export.column." + column, null, null, locale))
						.as("export.column.%s in %s", column, language)
						.isNotBlank());
			}
		}
	}

	@Test
	void aGermanSpeakingSubjectGetsTheReportAndCsvHeadersInGerman() throws Exception {
		PortalClient anna = newSubject();
		anna.document("updatePreferences", "language", "de");
		String id = anna.document("requestDataExport", "format", "ZIP").text("data.requestDataExport.export.id");
		JsonNode ready = awaitStatus(anna, id, "READY");

		HttpResponse<byte[]> file = download(baseUrl(), ready.path("downloadUrl").asString());

		Map<String, String> entries = unzip(file.body());
		String report = entries.get("report.html");
		assertThat(report).contains("<html lang=\"de\">")
			.contains("<h1>Die personenbezogenen Daten, die wir über Sie speichern</h1>")
			.contains("<h2>Inhalt</h2>")
			.contains("<h2>Ihr Profil</h2>")
			.contains("<th scope=\"row\">Vollständiger Name</th>")
			.contains("<th scope=\"row\">Sprache</th><td>de</td>")
			.contains("<h2>Ihre Einwilligungen zur Verwendung Ihrer Daten</h2>")
			.contains("Erbringung unserer Dienste")
			.containsPattern("Erstellt am \\d{1,2}\\. \\p{L}+ \\d{4}, \\d{2}:\\d{2} UTC\\.")
			.doesNotContain("The personal information we hold about you");
		assertThat(parseCsv(entries.get("consents.csv")).get(0)).startsWith("Zweck-Schlüssel", "Zweck", "Beschreibung");
		assertThat(parseCsv(entries.get("consents.csv")).get(1)).startsWith("service-delivery", "Erbringung unserer Dienste")
			.contains("erforderlich", "Voreinstellung")
			.doesNotContain("REQUIRED", "DEFAULT");
		assertThat(parseCsv(entries.get("collectionSources.csv")).get(1)).startsWith("Registrierung",
				"Sie haben sie uns bei Ihrer Registrierung gegeben. Wir verwenden sie, um das Portal zu betreiben und die "
						+ "Dienste, die Sie nutzen, zu erbringen, zu liefern und abzurechnen (§1, Hauptzweck).");
		assertThat(report).contains("<td>erforderlich</td>").contains("<td>Voreinstellung</td>").doesNotContain("REQUIRED");
		assertThat(entries.get("data.json")).as("data for computers keeps its keys and constants")
			.contains("\"purposeKey\"")
			.contains("\"basis\":\"REQUIRED\"")
			.contains("\"source\":\"REGISTRATION\"");
	}

}
