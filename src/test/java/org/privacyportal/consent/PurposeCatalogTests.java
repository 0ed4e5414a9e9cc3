package org.privacyportal.consent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog the admin manages. Every purpose a test defines is retired after it, so the other
 * tests keep seeing the six seeded purposes.
 */
class PurposeCatalogTests extends PortalIntegrationTest {

	private final List<String> defined = new ArrayList<>();

	@AfterEach
	void retireWhatWasDefined() {
		PortalClient admin = admin();
		defined.forEach(key -> admin.document("retirePurpose", "key", key, "reason", "test over"));
	}

	@Test
	void anAdminAddsAPurposeAtTheEndOfTheCatalogAndTheChangeIsAudited() {
		String key = newKey();

		GraphQlResponse define = define(key, "OPT_IN", false, true);

		assertThat(define.path("data.definePurpose.purpose.version").asInt()).isEqualTo(1);
		assertThat(define.path("data.definePurpose.purpose.withdrawnByGlobalPrivacyControl").asBoolean()).isTrue();
		JsonNode catalog = anonymous().document("purposeCatalog").path("data.consentPurposes");
		assertThat(catalog.get(catalog.size() - 1).path("key").asString()).isEqualTo(key);
		assertThat(catalog.get(0).path("key").asString()).isEqualTo("service-delivery");
		Document audited = mongo.getCollection("audit_events")
			.find(new Document("subjectId", PurposeAdministration.AUDIT_TRAIL).append("targetId", key))
			.first();
		assertThat(audited).isNotNull();
		assertThat(audited.getString("action")).isEqualTo("purpose.defined");
		assertThat(audited.get("details", Document.class).getString("version")).isEqualTo("1");
	}

	@Test
	void onlyAnAdminChangesTheCatalog() {
		String key = newKey();
		PortalClient subject = newSubject();

		List<GraphQlResponse> refused = List.of(subject.document("definePurpose", "input", input(key, "OPT_IN", false, false)),
				staff().document("definePurpose", "input", input(key, "OPT_IN", false, false)),
				subject.document("retirePurpose", "key", "analytics", "reason", "no"),
				staff().document("retirePurpose", "key", "analytics", "reason", "no"));

		refused.forEach(response -> {
			assertThat(response.errorClassifications()).as(response.rawBody()).containsExactly("FORBIDDEN");
			assertThat(response.path("data").isNull() || response.path("data").toString().contains("null")).isTrue();
		});
		assertThat(keys(anonymous().document("purposeCatalog", "includeRetired", true))).doesNotContain(key)
			.contains("analytics");
		assertThat(anonymous().query("mutation { definePurpose(input: {key: \"x\", title: \"t\", description: \"d\", "
				+ "basis: OPT_IN, defaultGranted: false, withdrawnByGlobalPrivacyControl: false}) { userErrors { code } } }")
			.status()).isEqualTo(401);
	}

	@Test
	void badDefinitionsAreInvalidNamingTheFieldAndChangeNothing() {
		String key = newKey();
		define(key, "OPT_OUT", true, false);

		Map<String, Object> badKey = input("Not A Key!", "OPT_IN", false, false);
		Map<String, Object> longTitle = input(newKey(), "OPT_IN", false, false);
		longTitle.put("title", "t".repeat(101));
		Map<String, Object> blankDescription = input(newKey(), "OPT_IN", false, false);
		blankDescription.put("description", "  ");
		Map<String, Object> basisChange = input(key, "OPT_IN", false, false);
		Map<String, Object> requiredOff = input(newKey(), "REQUIRED", false, false);
		Map<String, Object> optInOn = input(newKey(), "OPT_IN", true, false);
		Map<String, Object> reconsentOnANewPurpose = input(newKey(), "OPT_IN", false, false);
		reconsentOnANewPurpose.put("reconsentRequired", true);
		Map<String, Object> twiceGerman = input(newKey(), "OPT_IN", false, false);
		twiceGerman.put("translations", List.of(german(), german()));
		Map<String, Object> badLanguage = input(newKey(), "OPT_IN", false, false);
		badLanguage.put("translations", List.of(Map.of("language", "deutsch", "title", "T", "description", "D")));

		assertInvalid(badKey, "[\"input\",\"key\"]");
		assertInvalid(longTitle, "[\"input\",\"title\"]");
		assertInvalid(blankDescription, "[\"input\",\"description\"]");
		assertInvalid(basisChange, "[\"input\",\"basis\"]");
		assertInvalid(requiredOff, "[\"input\",\"defaultGranted\"]");
		assertInvalid(optInOn, "[\"input\",\"defaultGranted\"]");
		assertInvalid(reconsentOnANewPurpose, "[\"input\",\"reconsentRequired\"]");
		assertInvalid(twiceGerman, "[\"input\",\"translations\",\"1\",\"language\"]");
		assertInvalid(badLanguage, "[\"input\",\"translations\",\"0\",\"language\"]");
		JsonNode catalog = anonymous().document("purposeCatalog", "includeRetired", true).path("data.consentPurposes");
		assertThat(keys(catalog)).contains(key).doesNotContain((String) longTitle.get("key"), (String) optInOn.get("key"));
		catalog.forEach(p -> {
			if (p.path("key").asString().equals(key)) {
				assertThat(p.path("version").asInt()).isEqualTo(1);
				assertThat(p.path("basis").asString()).isEqualTo("OPT_OUT");
			}
		});
	}

	@Test
	void retiringLeavesTheHistoryAndARetiredKeyCannotBeDefinedAgain() {
		String key = newKey();
		define(key, "OPT_IN", false, false);
		PortalClient alice = newSubject();
		alice.document("updateConsents", "changes", List.of(Map.of("purposeKey", key, "granted", true)));

		GraphQlResponse retire = admin().document("retirePurpose", "key", key, "reason", "We stopped doing this");

		assertThat(retire.path("data.retirePurpose.userErrors")).isEmpty();
		assertThat(retire.path("data.retirePurpose.purpose.retiredAt").isNull()).isFalse();
		assertThat(keys(anonymous().document("purposeCatalog"))).doesNotContain(key);
		assertThat(keys(anonymous().document("purposeCatalog", "includeRetired", true))).contains(key);
		GraphQlResponse mine = alice.document("myPurposeChoices");
		assertThat(purposeKeys(mine)).doesNotContain(key).contains("analytics");
		assertThat(mine.path("data.me.consents.history.edges").toString()).contains(key);
		assertThat(alice.document("updateConsents", "changes", List.of(Map.of("purposeKey", key, "granted", false)))
			.userErrorCodes("data.updateConsents")).containsExactly("INVALID");
		GraphQlResponse again = admin().document("definePurpose", "input", input(key, "OPT_IN", false, false));
		assertThat(again.userErrorCodes("data.definePurpose")).containsExactly("CONFLICT");
		GraphQlResponse twice = admin().document("retirePurpose", "key", key, "reason", "again");
		assertThat(twice.userErrorCodes("data.retirePurpose")).containsExactly("CONFLICT");
		GraphQlResponse unknown = admin().document("retirePurpose", "key", newKey(), "reason", "never was");
		assertThat(unknown.userErrorCodes("data.retirePurpose")).containsExactly("INVALID");
		GraphQlResponse noReason = admin().document("retirePurpose", "key", "analytics", "reason", " ");
		assertThat(noReason.userErrorCodes("data.retirePurpose")).containsExactly("INVALID");
		assertThat(keys(anonymous().document("purposeCatalog"))).contains("analytics");
		assertThat(mongo.getCollection("audit_events")
			.countDocuments(new Document("subjectId", PurposeAdministration.AUDIT_TRAIL).append("targetId", key)
				.append("action", "purpose.retired"))).isEqualTo(1);
	}

	@Test
	void aNewVersionThatAsksForReconsentStopsEarlierOptInsFromCounting() {
		String key = newKey();
		define(key, "OPT_IN", false, false);
		PortalClient alice = newSubject();
		PortalClient bob = newSubject();
		alice.document("updateConsents", "changes", List.of(Map.of("purposeKey", key, "granted", true)));
		bob.document("updateConsents", "changes", List.of(Map.of("purposeKey", key, "granted", true)));
		Map<String, Object> reworded = input(key, "OPT_IN", false, false);
		reworded.put("title", "Reworded");
		define(reworded);

		assertThat(choice(alice, key).path("granted").asBoolean()).as("a version without reconsent keeps grants").isTrue();
		bob.document("updateConsents", "changes", List.of(Map.of("purposeKey", key, "granted", true)));
		Map<String, Object> widened = input(key, "OPT_IN", false, false);
		widened.put("title", "Widened");
		widened.put("reconsentRequired", true);
		GraphQlResponse third = define(widened);
		assertThat(third.path("data.definePurpose.purpose.version").asInt()).isEqualTo(3);

		JsonNode aliceChoice = choice(alice, key);
		assertThat(aliceChoice.path("granted").asBoolean()).isFalse();
		assertThat(aliceChoice.path("reconsentRequired").asBoolean()).isTrue();
		assertThat(aliceChoice.path("purpose").path("title").asString()).isEqualTo("Widened");
		assertThat(choice(bob, key).path("reconsentRequired").asBoolean()).as("granted under version 2").isTrue();
		alice.document("updateConsents", "changes", List.of(Map.of("purposeKey", key, "granted", true)));
		JsonNode again = choice(alice, key);
		assertThat(again.path("granted").asBoolean()).isTrue();
		assertThat(again.path("reconsentRequired").asBoolean()).isFalse();
		List<Integer> versions = new ArrayList<>();
		alice.document("myPurposeChoices").path("data.me.consents.history.edges").forEach(edge -> {
			assertThat(edge.path("node").path("policyVersion").asString()).isNotEmpty();
			versions.add(edge.path("node").path("purposeVersion").asInt());
		});
		assertThat(versions).containsExactly(3, 1);
		PortalClient carol = newSubject();
		assertThat(choice(carol, key).path("reconsentRequired").asBoolean()).as("a default is no grant").isFalse();
	}

	@Test
	void globalPrivacyControlWithdrawsExactlyTheMarkedPurposes() {
		String marked = newKey();
		String unmarked = newKey();
		define(marked, "OPT_OUT", true, true);
		define(unmarked, "OPT_OUT", true, false);

		GraphQlResponse me = newSubject().header("Sec-GPC", "1").document("myPurposeChoices");

		Map<String, String> sources = new HashMap<>();
		Map<String, Boolean> granted = new HashMap<>();
		me.path("data.me.consents.purposes").forEach(p -> {
			sources.put(p.path("purpose").path("key").asString(), p.path("source").asString());
			granted.put(p.path("purpose").path("key").asString(), p.path("granted").asBoolean());
		});
		assertThat(sources).containsEntry(marked, "GLOBAL_PRIVACY_CONTROL")
			.containsEntry("third-party-marketing", "GLOBAL_PRIVACY_CONTROL")
			.containsEntry("advertising-cookies", "GLOBAL_PRIVACY_CONTROL")
			.containsEntry(unmarked, "DEFAULT")
			.containsEntry("analytics", "DEFAULT");
		assertThat(granted).containsEntry(marked, false).containsEntry(unmarked, true);
	}

	@Test
	void anotherInstancesChangeIsSeenOnceTheRefreshIntervalPassed() {
		String key = newKey();
		assertThat(keys(anonymous().document("purposeCatalog"))).doesNotContain(key);

		Document version = new Document("version", 1).append("title", "Written elsewhere")
			.append("description", "By another instance")
			.append("defaultGranted", false)
			.append("withdrawnByGlobalPrivacyControl", false)
			.append("reconsentRequired", false)
			.append("translations", List.of())
			.append("definedAt", clock.instant())
			.append("definedBy", "elsewhere");
		mongo.getCollection("consent_purposes")
			.insertOne(new Document("_id", key).append("position", 10_000)
				.append("basis", "OPT_IN")
				.append("versions", List.of(version)));
		defined.add(key);
		mongo.getCollection("cache_stamps")
			.updateOne(new Document("_id", "consent-purposes"), new Document("$inc", new Document("stamp", 1L)));

		assertThat(keys(anonymous().document("purposeCatalog"))).as("still the copy in memory").doesNotContain(key);
		clock.advance(Duration.ofMinutes(1));
		assertThat(keys(anonymous().document("purposeCatalog"))).contains(key);
	}

	private void assertInvalid(Map<String, Object> input, String field) {
		GraphQlResponse response = admin().document("definePurpose", "input", input);
		assertThat(response.userErrorCodes("data.definePurpose")).as(response.rawBody()).containsExactly("INVALID");
		assertThat(response.path("data.definePurpose.userErrors.0.field").toString()).isEqualTo(field);
		assertThat(response.path("data.definePurpose.purpose").isNull()).isTrue();
	}

	private String newKey() {
		return "test-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private GraphQlResponse define(String key, String basis, boolean defaultGranted, boolean gpc) {
		return define(input(key, basis, defaultGranted, gpc));
	}

	private GraphQlResponse define(Map<String, Object> input) {
		GraphQlResponse response = admin().document("definePurpose", "input", input);
		assertThat(response.path("data.definePurpose.userErrors")).as(response.rawBody()).isEmpty();
		defined.add((String) input.get("key"));
		return response;
	}

	private static Map<String, Object> input(String key, String basis, boolean defaultGranted, boolean gpc) {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("key", key);
		input.put("title", "A purpose of " + key);
		input.put("description", "What " + key + " is for");
		input.put("basis", basis);
		input.put("defaultGranted", defaultGranted);
		input.put("withdrawnByGlobalPrivacyControl", gpc);
		return input;
	}

	private static Map<String, Object> german() {
		return Map.of("language", "de", "title", "Ein Zweck", "description", "Wofür er dient");
	}

	private static JsonNode choice(PortalClient client, String key) {
		for (JsonNode p : client.document("myPurposeChoices").path("data.me.consents.purposes")) {
			if (p.path("purpose").path("key").asString().equals(key)) {
				return p;
			}
		}
		throw new AssertionError("No choice for " + key);
	}

	private static List<String> keys(GraphQlResponse response) {
		return keys(response.path("data.consentPurposes"));
	}

	private static List<String> keys(JsonNode purposes) {
		List<String> keys = new ArrayList<>();
		purposes.forEach(p -> keys.add(p.path("key").asString()));
		return keys;
	}

	private static List<String> purposeKeys(GraphQlResponse me) {
		List<String> keys = new ArrayList<>();
		me.path("data.me.consents.purposes").forEach(p -> keys.add(p.path("purpose").path("key").asString()));
		return keys;
	}

}
