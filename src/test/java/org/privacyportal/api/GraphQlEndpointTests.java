package org.privacyportal.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class GraphQlEndpointTests extends PortalIntegrationTest {

	@Test
	void malformedJsonIsA400() {
		GraphQlResponse response = newSubject().post("/graphql", "{\"query\": \"{ me { id }");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.rawBody()).doesNotContain("Exception").doesNotContain("at org.");
	}

	@Test
	void fiveHundredAliasesOfMeAreRefusedBeforeTheyRun() {
		String document = IntStream.range(0, 500).mapToObj(i -> "a" + i + ": me { id }").collect(Collectors.joining(" ", "{ ", " }"));
		String sub = "alias-" + UUID.randomUUID();
		PortalClient caller = as(sub, List.of("privacy.self"), null, null);

		GraphQlResponse response = caller.query(document);

		assertThat(response.hasErrors()).isTrue();
		assertThat(response.path("data").isMissingNode() || response.path("data").isNull()).isTrue();
		assertThat(mongo.getCollection("subjects").countDocuments(new Document("externalId", sub))).isZero();
	}

	@Test
	void tooDeepAQueryIsRefused() {
		String deep = "{ me { consents { history { edges { node { id } } pageInfo { hasNextPage } } } } }";
		String nested = "{ __schema { types { fields { type " + "{ ofType ".repeat(10) + "{ name }" + " }".repeat(10) + " } } } }";

		assertThat(newSubject().query(deep).hasErrors()).isFalse();
		assertThat(newSubject().query(nested).hasErrors()).isTrue();
	}

	@Test
	void anOversizedBodyIsRefused() {
		String padding = "x".repeat(520 * 1024);

		GraphQlResponse response = newSubject().query("{ me { id } } # " + padding);

		assertThat(response.status()).isEqualTo(413);
	}

	@Test
	void firstAboveOneHundredIsAnErrorNotASilentCap() {
		GraphQlResponse response = staff().document("subjects", "first", 101);

		assertThat(response.errorClassifications()).containsExactly("BAD_REQUEST");
		assertThat(response.path("errors.0.message").asString()).contains("100");
	}

	@Test
	void aForgedCursorIsABadRequestWithoutInternals() {
		GraphQlResponse response = staff().document("subjects", "first", 2, "after", "bm90LWEtY3Vyc29y");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.errorClassifications()).containsExactly("BAD_REQUEST");
		assertThat(response.rawBody()).doesNotContain("Exception").doesNotContain("at org.");
	}

	@Test
	void anUnknownFieldIsAValidationError() {
		GraphQlResponse response = newSubject().query("{ me { password } }");

		assertThat(response.errorClassifications()).containsExactly("ValidationError");
	}

	@Test
	void graphiqlAndIntrospectionAreOnWithTheEmbeddedIssuer() {
		assertThat(anonymous().query("{ __schema { queryType { name } } }").text("data.__schema.queryType.name"))
			.isEqualTo("Query");
		assertThat(anonymous().get("/graphiql").status()).isIn(200, 302, 307);
	}

	@Test
	void aRetryWithTheSameIdempotencyKeyReturnsTheFirstAnswerAndAppliesOnce() {
		PortalClient alice = newSubject();
		PortalClient keyed = alice.header("Idempotency-Key", UUID.randomUUID().toString());
		List<Map<String, Object>> changes = List.of(Map.of("purposeKey", "analytics", "granted", false));

		GraphQlResponse first = keyed.document("updateConsents", "changes", changes);
		GraphQlResponse retry = keyed.document("updateConsents", "changes", changes);

		assertThat(first.path("data.updateConsents.userErrors")).isEmpty();
		assertThat(retry.body()).isEqualTo(first.body());
		assertThat(alice.document("consentHistory").path("data.me.consents.history.totalCount").asInt()).isEqualTo(1);
	}

	@Test
	void anIdempotencyKeyReusedForAnotherRequestIsRefusedAndNothingIsApplied() {
		PortalClient alice = newSubject();
		PortalClient keyed = alice.header("Idempotency-Key", UUID.randomUUID().toString());
		keyed.document("updateConsents", "changes", List.of(Map.of("purposeKey", "analytics", "granted", false)));

		GraphQlResponse other = keyed.document("updateConsents", "changes",
				List.of(Map.of("purposeKey", "promotional-mail", "granted", false)));

		assertThat(other.errorClassifications()).containsExactly("BAD_REQUEST");
		assertThat(alice.document("consentHistory").path("data.me.consents.history.totalCount").asInt()).isEqualTo(1);
	}

	@Test
	void idempotencyKeysOfDifferentCallersDoNotMeet() {
		String key = UUID.randomUUID().toString();
		List<Map<String, Object>> changes = List.of(Map.of("purposeKey", "analytics", "granted", false));
		PortalClient alice = newSubject();
		PortalClient bob = newSubject();

		alice.header("Idempotency-Key", key).document("updateConsents", "changes", changes);
		bob.header("Idempotency-Key", key).document("updateConsents", "changes", changes);

		assertThat(alice.document("consentHistory").path("data.me.consents.history.totalCount").asInt()).isEqualTo(1);
		assertThat(bob.document("consentHistory").path("data.me.consents.history.totalCount").asInt()).isEqualTo(1);
	}

	@Test
	void idempotencyKeysExpireAfterADay() {
		PortalClient alice = newSubject();
		PortalClient keyed = alice.header("Idempotency-Key", UUID.randomUUID().toString());
		List<Map<String, Object>> changes = List.of(Map.of("purposeKey", "analytics", "granted", false));
		keyed.document("updateConsents", "changes", changes);

		clock.advance(Duration.ofHours(25));
		keyed.document("updateConsents", "changes", changes);

		assertThat(alice.document("consentHistory").path("data.me.consents.history.totalCount").asInt()).isEqualTo(2);
	}

	@Test
	void anIdempotencyKeyReusedForAnotherOperationOfTheSameDocumentIsRefused() {
		PortalClient alice = newSubject();
		PortalClient keyed = alice.header("Idempotency-Key", UUID.randomUUID().toString());
		String document = "mutation Withdraw { updateConsents(input: {changes: [{purposeKey: \"analytics\", granted: false}]})"
				+ " { userErrors { code } } }"
				+ " mutation Grant { updateConsents(input: {changes: [{purposeKey: \"analytics\", granted: true}]})"
				+ " { userErrors { code } } }";

		GraphQlResponse withdraw = keyed.post("/graphql", operation(document, "Withdraw"));
		GraphQlResponse grant = keyed.post("/graphql", operation(document, "Grant"));

		assertThat(withdraw.hasErrors()).as(withdraw.rawBody()).isFalse();
		assertThat(grant.errorClassifications()).containsExactly("BAD_REQUEST");
		assertThat(alice.document("consentHistory").path("data.me.consents.history.totalCount").asInt()).isEqualTo(1);
	}

	@Test
	void aCallerHoldsOnlySoManyIdempotencyKeysAtOnce() {
		PortalClient alice = newSubject();
		List<Map<String, Object>> changes = List.of(Map.of("purposeKey", "analytics", "granted", false));
		String first = UUID.randomUUID().toString();
		GraphQlResponse firstAnswer = alice.header("Idempotency-Key", first).document("updateConsents", "changes", changes);
		for (int i = 1; i < 10; i++) {
			assertThat(alice.header("Idempotency-Key", UUID.randomUUID().toString())
				.document("updateConsents", "changes", changes)
				.hasErrors()).isFalse();
		}

		GraphQlResponse eleventh = alice.header("Idempotency-Key", UUID.randomUUID().toString())
			.document("updateConsents", "changes", changes);

		assertThat(eleventh.errorClassifications()).containsExactly("BAD_REQUEST");
		assertThat(alice.document("consentHistory").path("data.me.consents.history.totalCount").asInt())
			.as("the eleventh was not applied").isEqualTo(10);
		assertThat(alice.header("Idempotency-Key", first).document("updateConsents", "changes", changes).body())
			.as("a retry with a held key").isEqualTo(firstAnswer.body());
		assertThat(alice.document("updateConsents", "changes", changes).hasErrors()).as("without a key").isFalse();
		clock.advance(Duration.ofHours(25));
		assertThat(alice.header("Idempotency-Key", UUID.randomUUID().toString())
			.document("updateConsents", "changes", changes)
			.hasErrors()).as("once the keys expired").isFalse();
	}

	@Test
	void aKeyWhoseRequestNeverAnsweredIsFreeAfterTheClaimTimeout() {
		PortalClient alice = newSubject();
		PortalClient keyed = alice.header("Idempotency-Key", UUID.randomUUID().toString());
		List<Map<String, Object>> changes = List.of(Map.of("purposeKey", "analytics", "granted", false));
		keyed.document("updateConsents", "changes", changes);
		// what an instance that stopped while running the request leaves: the claim without an answer
		mongo.getCollection("idempotency_keys")
			.updateMany(new Document(), new Document("$unset", new Document("response", "")));

		GraphQlResponse stillRunning = keyed.document("updateConsents", "changes", changes);
		clock.advance(Duration.ofMinutes(6));
		GraphQlResponse retried = keyed.document("updateConsents", "changes", changes);

		assertThat(stillRunning.errorClassifications()).containsExactly("BAD_REQUEST");
		assertThat(retried.hasErrors()).as(retried.rawBody()).isFalse();
		assertThat(retried.path("data.updateConsents.userErrors")).isEmpty();
	}

	private static String operation(String document, String operationName) {
		return JsonMapper.shared().writeValueAsString(Map.of("query", document, "operationName", operationName));
	}

	@Test
	void healthIsPublicWithLivenessAndReadiness() {
		assertThat(anonymous().get("/actuator/health").text("status")).isEqualTo("UP");
		assertThat(anonymous().get("/actuator/health/liveness").text("status")).isEqualTo("UP");
		assertThat(anonymous().get("/actuator/health/readiness").text("status")).isEqualTo("UP");
	}

	@Test
	void otherActuatorEndpointsAreClosed() {
		assertThat(anonymous().get("/actuator/env").status()).isIn(401, 404);
	}

}
