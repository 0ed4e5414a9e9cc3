package org.privacyportal.language;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.privacyportal.security.Scopes;
import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.GraphQlWebSocket;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message of every kind of error in the caller's language, German by the token's {@code locale}
 * or by {@code Accept-Language}, English by default; codes and classifications stay the same.
 */
class ErrorLanguageTests extends PortalIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Test
	void userErrorsAreWrittenInTheCallersLanguage() {
		List<Map<String, Object>> changes = List.of(Map.of("purposeKey", "no-such-purpose", "granted", true),
				Map.of("purposeKey", "service-delivery", "granted", false));

		GraphQlResponse german = caller(List.of(Scopes.SELF), "de").document("updateConsents", "changes", changes);
		GraphQlResponse english = newSubject().document("updateConsents", "changes", changes);

		assertThat(german.userErrorCodes("data.updateConsents")).containsExactly("INVALID", "REQUIRED_PURPOSE");
		assertThat(english.userErrorCodes("data.updateConsents")).containsExactly("INVALID", "REQUIRED_PURPOSE");
		assertThat(german.path("data.updateConsents.userErrors").findValuesAsString("message")).containsExactly(
				"Es gibt keinen Zweck 'no-such-purpose'",
				"'Erbringung unserer Dienste' brauchen wir, um den Dienst zu erbringen; diese Einwilligung lässt sich nicht widerrufen");
		assertThat(english.path("data.updateConsents.userErrors").findValuesAsString("message")).containsExactly(
				"There is no purpose 'no-such-purpose'",
				"'Service delivery' is needed to provide the service and cannot be withdrawn");
	}

	@Test
	void aMessageWithANumberFollowsTheLanguagesPluralAndDigits() {
		GraphQlResponse german = caller(List.of(Scopes.STAFF), "de").document("subjects", "first", 101);
		GraphQlResponse english = staff().document("subjects", "first", 101);

		assertThat(german.errorClassifications()).containsExactly("BAD_REQUEST");
		assertThat(english.errorClassifications()).containsExactly("BAD_REQUEST");
		assertThat(german.text("errors.0.message")).isEqualTo("first muss zwischen 0 und 100 liegen");
		assertThat(english.text("errors.0.message")).isEqualTo("first must be between 0 and 100");
	}

	@Test
	void notFoundAndForbiddenAreWrittenInTheCallersLanguage() {
		PortalClient german = caller(List.of(Scopes.SELF), "de");
		PortalClient germanStaff = caller(List.of(Scopes.STAFF), "de");

		GraphQlResponse missing = german.document("cancelCorrection", "id", "no-such-request");
		GraphQlResponse missingInEnglish = newSubject().document("cancelCorrection", "id", "no-such-request");
		GraphQlResponse forbidden = germanStaff.document("requestDeletion");
		GraphQlResponse forbiddenInEnglish = staff().document("requestDeletion");

		assertThat(missing.errorClassifications()).containsExactly("NOT_FOUND");
		assertThat(missing.text("errors.0.message")).isEqualTo("Antrag auf Berichtigung nicht gefunden");
		assertThat(missingInEnglish.errorClassifications()).containsExactly("NOT_FOUND");
		assertThat(missingInEnglish.text("errors.0.message")).isEqualTo("Correction request not found");
		assertThat(forbidden.errorClassifications()).containsExactly("FORBIDDEN");
		assertThat(forbidden.text("errors.0.message")).isEqualTo("Ihr Zugang umfasst das nicht");
		assertThat(forbiddenInEnglish.errorClassifications()).containsExactly("FORBIDDEN");
		assertThat(forbiddenInEnglish.text("errors.0.message")).isEqualTo("Your access does not include this");
	}

	@Test
	void anInternalErrorSaysSoInTheCallersLanguageWithoutDetail() {
		PortalClient german = caller(List.of(Scopes.SELF), "de");
		PortalClient english = newSubject();
		List<String> unreadable = new ArrayList<>();
		for (PortalClient client : List.of(german, english)) {
			unreadable.add(client.document("submitCorrection", "field", "PHONE", "proposedValue", "+41 44 668 18 00")
				.text("data.submitCorrectionRequest.request.id"));
		}
		Document filter = new Document("_id", new Document("$in", unreadable));
		// a stored request the portal cannot read, as a bad migration would leave it
		mongo.getCollection("correction_requests").updateMany(filter, new Document("$set", new Document("field", "SHOE_SIZE")));
		try {
			GraphQlResponse inGerman = german.document("myCorrections");
			GraphQlResponse inEnglish = english.document("myCorrections");

			assertThat(inGerman.errorClassifications()).containsExactly("INTERNAL_ERROR");
			assertThat(inEnglish.errorClassifications()).containsExactly("INTERNAL_ERROR");
			assertThat(inGerman.text("errors.0.message"))
				.matches("Bei uns ist etwas schiefgegangen; der Fehler ist unter \\S+ protokolliert");
			assertThat(inEnglish.text("errors.0.message")).matches("Something went wrong on our side; it is logged under \\S+");
			assertThat(inGerman.rawBody() + inEnglish.rawBody()).doesNotContain("SHOE_SIZE").doesNotContain("Exception");
		}
		finally {
			mongo.getCollection("correction_requests").updateMany(filter, new Document("$set", new Document("field", "PHONE")));
		}
	}

	@Test
	void graphQlJavasValidationErrorsFollowTheLanguageAlsoForACachedDocument() {
		String document = "{ consentPurposes { key nonsense } }";
		PortalClient german = anonymous().header("Accept-Language", "de-CH, de;q=0.9");

		GraphQlResponse first = german.query(document);
		GraphQlResponse english = anonymous().query(document);
		GraphQlResponse again = german.query(document);

		assertThat(first.errorClassifications()).containsExactly("ValidationError");
		assertThat(english.errorClassifications()).containsExactly("ValidationError");
		assertThat(first.text("errors.0.message")).startsWith("Validierungsfehler").contains("'nonsense'");
		assertThat(english.text("errors.0.message")).startsWith("Validation error").contains("'nonsense'");
		assertThat(again.text("errors.0.message")).isEqualTo(first.text("errors.0.message"));
	}

	@Test
	void theComplexityLimitRefusesInTheCallersLanguage() {
		String document = IntStream.range(0, 400)
			.mapToObj(i -> "a" + i + ": me { id }")
			.collect(Collectors.joining(" ", "{ ", " }"));

		GraphQlResponse german = caller(List.of(Scopes.SELF), "de").query(document);
		GraphQlResponse english = newSubject().query(document);

		assertThat(german.text("errors.0.message"))
			.isEqualTo("Die Abfrage wählt 800 Felder aus; erlaubt sind höchstens 300");
		assertThat(english.text("errors.0.message"))
			.isEqualTo("The query selects 800 fields; the maximum query complexity is 300");
		assertThat(german.errorClassifications()).isEqualTo(english.errorClassifications()).hasSize(1);
	}

	@Test
	void aRefusalBeforeTheCallerIsKnownFollowsAcceptLanguage() {
		PortalClient caller = newSubject();
		String tooLong = "k".repeat(256);

		GraphQlResponse german = caller.header("Accept-Language", "fr, de;q=0.5")
			.header("Idempotency-Key", tooLong)
			.document("requestDeletion");
		GraphQlResponse english = caller.header("Idempotency-Key", tooLong).document("requestDeletion");

		assertThat(german.errorClassifications()).containsExactly("BAD_REQUEST");
		assertThat(german.text("errors.0.message")).isEqualTo("Der Header Idempotency-Key muss 1 bis 255 Zeichen lang sein");
		assertThat(english.text("errors.0.message")).isEqualTo("The Idempotency-Key header must be 1 to 255 characters");
		assertThat(caller.document("myDeletion").path("data.me.deletionRequest").isNull()).as("nothing changed").isTrue();
	}

	@Test
	void anAnonymousOperationOverAWebSocketIsUnauthorizedInTheLanguageOfItsHandshake() throws Exception {
		assertThat(unauthorizedOverWebSocket(Map.of("Accept-Language", "de"))).isEqualTo("Dafür ist ein Bearer-Token nötig");
		assertThat(unauthorizedOverWebSocket(Map.of())).isEqualTo("A bearer token is required");
	}

	private String unauthorizedOverWebSocket(Map<String, String> headers) throws Exception {
		try (GraphQlWebSocket socket = GraphQlWebSocket.connect(baseUrl(), headers).init(null)) {
			assertThat(socket.next(WAIT).path("type").asString()).isEqualTo("connection_ack");
			socket.subscribe("1", "{ me { id } }", Map.of());
			JsonNode error = socket.next(WAIT).path("payload").path("errors").path(0);
			assertThat(error.path("extensions").path("classification").asString()).isEqualTo("UNAUTHORIZED");
			return error.path("message").asString();
		}
	}

	private PortalClient caller(List<String> scopes, String locale) {
		return withLocale("caller-" + UUID.randomUUID(), scopes, locale);
	}

}
