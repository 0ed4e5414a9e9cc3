package org.privacyportal.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.privacyportal.security.Scopes;
import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class ConsentTests extends PortalIntegrationTest {

	@Test
	void theCatalogIsPublicAndInTheContractsOrder() {
		GraphQlResponse response = anonymous().document("publicCatalog");

		List<String> keys = new ArrayList<>();
		response.path("data.consentPurposes").forEach(p -> keys.add(p.path("key").asString()));
		assertThat(keys).containsExactly("service-delivery", "company-marketing", "promotional-mail",
				"third-party-marketing", "analytics", "advertising-cookies");
		assertThat(response.text("data.consentPurposes.0.basis")).isEqualTo("REQUIRED");
		assertThat(response.text("data.consentPurposes.3.basis")).isEqualTo("OPT_IN");
		assertThat(response.path("data.consentPurposes.3.defaultGranted").asBoolean()).isFalse();
	}

	@Test
	void aNewSubjectSeesEveryPurposeAtItsDefault() {
		GraphQlResponse me = newSubject().document("me");

		assertThat(me.path("data.me.consents.updatedAt").isNull()).isTrue();
		Map<String, Boolean> granted = granted(me.path("data.me.consents.purposes"));
		assertThat(granted).containsExactlyInAnyOrderEntriesOf(Map.of("service-delivery", true, "company-marketing", true,
				"promotional-mail", true, "third-party-marketing", false, "analytics", true, "advertising-cookies", false));
		me.path("data.me.consents.purposes").forEach(p -> assertThat(p.path("source").asString()).isEqualTo("DEFAULT"));
	}

	@Test
	void severalChangesAreAppliedTogetherAndRecordedWithPolicyVersionAndChannel() {
		PortalClient alice = newSubject();
		String policyVersion = anonymous().document("publicCatalog").text("data.privacyPolicy.version");

		GraphQlResponse update = alice.document("updateConsents", "changes",
				List.of(Map.of("purposeKey", "company-marketing", "granted", false),
						Map.of("purposeKey", "third-party-marketing", "granted", true)),
				"channel", "web");

		assertThat(update.path("data.updateConsents.userErrors")).isEmpty();
		Map<String, Boolean> granted = granted(update.path("data.updateConsents.consents.purposes"));
		assertThat(granted).containsEntry("company-marketing", false).containsEntry("third-party-marketing", true);
		GraphQlResponse history = alice.document("consentHistory");
		JsonNode edges = history.path("data.me.consents.history.edges");
		assertThat(history.path("data.me.consents.history.totalCount").asInt()).isEqualTo(2);
		assertThat(edges.get(0).path("node").path("purposeKey").asString()).isEqualTo("third-party-marketing");
		assertThat(edges.get(1).path("node").path("purposeKey").asString()).isEqualTo("company-marketing");
		edges.forEach(edge -> {
			assertThat(edge.path("node").path("source").asString()).isEqualTo("SUBJECT");
			assertThat(edge.path("node").path("channel").asString()).isEqualTo("web");
			assertThat(edge.path("node").path("policyVersion").asString()).isEqualTo(policyVersion);
		});
	}

	@Test
	void withdrawingTheRequiredPurposeIsRefusedAndNothingChanges() {
		PortalClient alice = newSubject();

		GraphQlResponse update = alice.document("updateConsents", "changes",
				List.of(Map.of("purposeKey", "analytics", "granted", false),
						Map.of("purposeKey", "service-delivery", "granted", false)));

		assertThat(update.userErrorCodes("data.updateConsents")).containsExactly("REQUIRED_PURPOSE");
		assertThat(update.path("data.updateConsents.userErrors.0.field").toString()).contains("\"1\"");
		assertThat(update.path("data.updateConsents.consents").isNull()).isTrue();
		assertNothingChanged(alice);
	}

	@Test
	void anUnknownPurposeIsInvalidAndNothingChanges() {
		PortalClient alice = newSubject();

		GraphQlResponse update = alice.document("updateConsents", "changes",
				List.of(Map.of("purposeKey", "analytics", "granted", false), Map.of("purposeKey", "mind-reading", "granted", true)));

		assertThat(update.userErrorCodes("data.updateConsents")).containsExactly("INVALID");
		assertThat(update.path("data.updateConsents.userErrors.0.field").toString()).contains("purposeKey");
		assertNothingChanged(alice);
	}

	@Test
	void emptyDuplicateAndBadChannelChangesAreInvalid() {
		PortalClient alice = newSubject();

		GraphQlResponse empty = alice.document("updateConsents", "changes", List.of());
		GraphQlResponse duplicate = alice.document("updateConsents", "changes",
				List.of(Map.of("purposeKey", "analytics", "granted", false), Map.of("purposeKey", "analytics", "granted", true)));
		GraphQlResponse channel = alice.document("updateConsents", "changes",
				List.of(Map.of("purposeKey", "analytics", "granted", false)), "channel", "<script>" + "x".repeat(50));

		assertThat(empty.userErrorCodes("data.updateConsents")).containsExactly("INVALID");
		assertThat(duplicate.userErrorCodes("data.updateConsents")).containsExactly("INVALID");
		assertThat(channel.userErrorCodes("data.updateConsents")).containsExactly("INVALID");
		assertNothingChanged(alice);
	}

	@Test
	void aMissingArgumentIsAValidationErrorNotA500() {
		GraphQlResponse response = newSubject().query("mutation { updateConsents(input: {}) { userErrors { code } } }");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.errorClassifications()).containsExactly("ValidationError");
	}

	@Test
	void twentyConcurrentTogglesLoseNoEventAndEndOnTheLastOne() throws Exception {
		PortalClient alice = newSubject();
		alice.query("{ me { id } }");
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			List<Callable<GraphQlResponse>> toggles = IntStream.range(0, 20)
				.<Callable<GraphQlResponse>>mapToObj(i -> () -> alice.document("updateConsents", "changes",
						List.of(Map.of("purposeKey", "analytics", "granted", i % 2 == 0)), "channel", "toggle-" + i))
				.toList();
			for (Future<GraphQlResponse> result : pool.invokeAll(toggles)) {
				assertThat(result.get().path("data.updateConsents.userErrors")).isEmpty();
			}
		}
		finally {
			pool.shutdown();
		}

		GraphQlResponse history = alice.document("consentHistory", "first", 100);
		JsonNode edges = history.path("data.me.consents.history.edges");
		assertThat(history.path("data.me.consents.history.totalCount").asInt()).isEqualTo(20);
		List<String> channels = new ArrayList<>();
		edges.forEach(edge -> channels.add(edge.path("node").path("channel").asString()));
		assertThat(channels).doesNotHaveDuplicates().hasSize(20);
		boolean lastGranted = edges.get(0).path("node").path("granted").asBoolean();
		assertThat(granted(alice.document("me").path("data.me.consents.purposes"))).containsEntry("analytics", lastGranted);
	}

	@Test
	void globalPrivacyControlWithdrawsSharingOnceAndALaterOptInStands() {
		PortalClient alice = newSubject();
		PortalClient withGpc = alice.header("Sec-GPC", "1");

		GraphQlResponse first = withGpc.document("me");

		JsonNode purposes = first.path("data.me.consents.purposes");
		assertThat(granted(purposes)).containsEntry("third-party-marketing", false).containsEntry("advertising-cookies", false);
		purposes.forEach(p -> {
			if (List.of("third-party-marketing", "advertising-cookies").contains(p.path("purpose").path("key").asString())) {
				assertThat(p.path("source").asString()).isEqualTo("GLOBAL_PRIVACY_CONTROL");
			}
		});
		alice.document("updateConsents", "changes", List.of(Map.of("purposeKey", "third-party-marketing", "granted", true)));
		GraphQlResponse later = withGpc.document("me");

		assertThat(granted(later.path("data.me.consents.purposes"))).containsEntry("third-party-marketing", true);
		GraphQlResponse history = alice.document("consentHistory");
		long gpcEvents = 0;
		for (JsonNode edge : history.path("data.me.consents.history.edges")) {
			if (edge.path("node").path("source").asString().equals("GLOBAL_PRIVACY_CONTROL")) {
				gpcEvents++;
			}
		}
		assertThat(gpcEvents).isEqualTo(2);
	}

	@Test
	void theGpcHeaderIsIgnoredOnStaffRequests() {
		String sub = "staff-" + UUID.randomUUID();

		GraphQlResponse response = as(sub, List.of(Scopes.STAFF), null, "Staff Member").header("Sec-GPC", "1")
			.document("subjects", "first", 1);

		assertThat(response.hasErrors()).as(response.rawBody()).isFalse();
		PortalClient sameSubLater = as(sub, List.of(Scopes.SELF), sub + "@example.com", "Staff Member");
		assertThat(sameSubLater.document("me").path("data.me.consents.purposes"))
			.as("no withdrawal was made for the staff caller")
			.allSatisfy(p -> assertThat(p.path("source").asString()).isNotEqualTo("GLOBAL_PRIVACY_CONTROL"));
		assertThat(sameSubLater.document("consentHistory").path("data.me.consents.history.totalCount").asInt()).isZero();
	}

	private void assertNothingChanged(PortalClient alice) {
		GraphQlResponse me = alice.document("me");
		assertThat(me.path("data.me.consents.updatedAt").isNull()).isTrue();
		assertThat(alice.document("consentHistory").path("data.me.consents.history.totalCount").asInt()).isZero();
	}

	private static Map<String, Boolean> granted(JsonNode purposes) {
		Map<String, Boolean> granted = new java.util.HashMap<>();
		purposes.forEach(p -> granted.put(p.path("purpose").path("key").asString(), p.path("granted").asBoolean()));
		return granted;
	}

}
