package org.privacyportal.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.privacyportal.security.Scopes;
import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.GraphQlWebSocket;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default budgets, over the real transport. Callers from other addresses are told apart by
 * {@code X-Forwarded-For}, which the suite trusts like a deployment behind a proxy, so the budget of
 * the suite's own loopback address is left alone.
 */
class RateLimitTests extends PortalIntegrationTest {

	private static final String MUTATION = "mutation { __typename }";

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Autowired
	private RateLimitProperties limits;

	@Test
	void aSubjectOverTheMutationBudgetGets429WithRetryAfterAndOthersAreUnaffected() throws Exception {
		String sub = "busy-" + UUID.randomUUID();
		String token = issuer.issue(sub, List.of(Scopes.SELF), null, null);
		PortalClient busy = withToken(token);
		GraphQlResponse refused = exhaust(busy, limits.mutationsPerMinute(), () -> busy.query(MUTATION));
		assertRateLimited(refused);
		assertThat(refused.text("errors.0.message")).matches("Too many requests; retry after (1 second|\\d+ seconds)");
		assertThat(busy.query("{ __typename }").status()).as("queries are not counted").isEqualTo(200);
		assertThat(newSubject().query(MUTATION).status()).as("another subject").isEqualTo(200);
	}

	@Test
	void mutationsSentAsAPersistedQuerysHashAloneAreCountedToo() {
		String sub = "busy-hash-" + UUID.randomUUID();
		PortalClient busy = withToken(issuer.issue(sub, List.of(Scopes.SELF), null, null));
		String document = PersistedQueryTests.uniqueDocument(MUTATION);
		String hash = PersistedQueryTests.sha256(document);
		assertThat(PersistedQueryTests.send(busy, document, hash).status()).isEqualTo(200);

		GraphQlResponse refused = exhaust(busy, limits.mutationsPerMinute() - 1,
				() -> PersistedQueryTests.send(busy, null, hash));
		assertRateLimited(refused);
	}

	@Test
	void overAWebSocketTheRefusalIsAGraphQlError() throws Exception {
		String token = issuer.issue("busy-ws-" + UUID.randomUUID(), List.of(Scopes.SELF), null, null);
		try (GraphQlWebSocket socket = GraphQlWebSocket.connect(baseUrl()).init(token)) {
			socket.next(WAIT);
			List<String> classifications = new ArrayList<>();
			for (int i = 0; i < 2 * limits.mutationsPerMinute() && !classifications.contains("RATE_LIMITED"); i++) {
				socket.subscribe("m" + i, MUTATION, Map.of());
				JsonNode answer = socket.next(WAIT);
				assertThat(answer.path("type").asString()).isEqualTo("next");
				classifications.add(answer.path("payload").path("errors").path(0).path("extensions").path("classification").asString());
				assertThat(socket.next(WAIT).path("type").asString()).isEqualTo("complete");
			}

			assertThat(classifications.subList(0, limits.mutationsPerMinute())).containsOnly("");
			assertThat(classifications).endsWith("RATE_LIMITED");
		}
	}

	@Test
	void anAnonymousAddressOverItsBudgetGets429() {
		PortalClient remote = anonymous().header("X-Forwarded-For", "203.0.113." + (1 + (int) (Math.random() * 200)))
			.header("Accept-Language", "de");
		GraphQlResponse refused = exhaust(remote, limits.anonymousPerMinute(), () -> remote.query("{ __typename }"));
		assertRateLimited(refused);
		assertThat(refused.text("errors.0.message"))
			.matches("Zu viele Anfragen; bitte versuchen Sie es in (einer Sekunde|\\d+ Sekunden) noch einmal");
		assertThat(anonymous().document("publicCatalog").status()).as("another address").isEqualTo(200);
	}

	@Test
	void devTokensAreBudgetedPerAddress() {
		PortalClient remote = anonymous().header("X-Forwarded-For", "198.51.100." + (1 + (int) (Math.random() * 200)));
		String body = "{\"sub\":\"alice\",\"scopes\":[\"privacy.self\"]}";
		GraphQlResponse refused = exhaust(remote, limits.devTokensPerMinute(), () -> remote.post("/dev/tokens", body));

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(refused.text("error")).isEqualTo("rate_limited");
	}

	@Test
	void turnedOffNothingIsRefused() {
		RateLimiter off = new RateLimiter(new RateLimitProperties(false, 1, 1, 1));

		for (int i = 0; i < 3; i++) {
			assertThat(off.tryAcquire(RateLimiter.Limit.MUTATIONS, "someone")).isEmpty();
		}
	}

	/**
	 * Sends until refused: the whole budget is granted first, then the refusal comes before the budget
	 * could have refilled (it refills continuously, a budget's worth per minute).
	 */
	private static GraphQlResponse exhaust(PortalClient caller, int budget, Supplier<GraphQlResponse> call) {
		for (int i = 0; i < budget; i++) {
			assertThat(call.get().status()).as("call %d of the budget", i + 1).isNotEqualTo(429);
		}
		for (int i = 0; i < budget; i++) {
			GraphQlResponse response = call.get();
			if (response.status() == 429) {
				return response;
			}
		}
		throw new AssertionError("No refusal within twice the budget of " + budget);
	}

	private static void assertRateLimited(GraphQlResponse response) {
		assertThat(response.status()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
				seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
		assertThat(response.errorClassifications()).containsExactly("RATE_LIMITED");
	}

}
