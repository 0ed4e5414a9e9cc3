package org.privacyportal.export;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.privacyportal.support.GraphQlWebSocket;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dataExportUpdated} over a real WebSocket speaking {@code graphql-transport-ws}. */
class ExportSubscriptionTests extends PortalIntegrationTest {

	private static final String SUBSCRIPTION = """
			subscription Updated($id: ID!) {
			  dataExportUpdated(id: $id) { id status sizeBytes downloadUrl }
			}""";

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Autowired
	private ExportExpiry expiry;

	@Test
	void aSubscriberFollowsItsExportUntilItIsReadyAndThenExpired() throws Exception {
		String sub = "ws-" + UUID.randomUUID();
		PortalClient alice = as(sub, List.of("privacy.self"), sub + "@example.com", "Alice");
		String token = issuer.issue(sub, List.of("privacy.self"), sub + "@example.com", "Alice");
		String id = alice.document("requestDataExport", "format", "ZIP").text("data.requestDataExport.export.id");

		try (GraphQlWebSocket socket = GraphQlWebSocket.connect(baseUrl()).init(token)) {
			assertThat(socket.next(WAIT).path("type").asString()).isEqualTo("connection_ack");
			socket.subscribe("1", SUBSCRIPTION, Map.of("id", id));

			List<String> statuses = new ArrayList<>();
			JsonNode export = null;
			while (!statuses.contains("READY")) {
				JsonNode message = socket.next(WAIT);
				assertThat(message).as("an update before the timeout; so far " + statuses).isNotNull();
				assertThat(message.path("type").asString()).as(message.toString()).isEqualTo("next");
				export = message.path("payload").path("data").path("dataExportUpdated");
				statuses.add(export.path("status").asString());
			}
			assertThat(List.of("PENDING", "RUNNING", "READY")).containsSubsequence(statuses);
			assertThat(export.path("id").asString()).isEqualTo(id);
			assertThat(export.path("sizeBytes").asLong()).isPositive();
			assertThat(export.path("downloadUrl").asString()).startsWith("/exports/" + id + "/download?");

			clock.advance(Duration.ofDays(7).plusMinutes(1));
			expiry.expireDue();

			JsonNode expired = socket.next(WAIT);
			assertThat(expired.path("payload").path("data").path("dataExportUpdated").path("status").asString())
				.isEqualTo("EXPIRED");
			assertThat(expired.path("payload").path("data").path("dataExportUpdated").path("downloadUrl").isNull())
				.isTrue();
			JsonNode complete = socket.next(WAIT);
			assertThat(complete.path("type").asString()).isEqualTo("complete");
			assertThat(complete.path("id").asString()).isEqualTo("1");
		}
	}

	@Test
	void anotherSubjectsExportIsNotFoundLikeAnUnknownOne() throws Exception {
		PortalClient alice = newSubject();
		String aliceExport = alice.document("requestDataExport", "format", "JSON").text("data.requestDataExport.export.id");
		String bob = "ws-bob-" + UUID.randomUUID();
		String token = issuer.issue(bob, List.of("privacy.self"), null, null);

		try (GraphQlWebSocket socket = GraphQlWebSocket.connect(baseUrl()).init(token)) {
			socket.next(WAIT);
			socket.subscribe("alice", SUBSCRIPTION, Map.of("id", aliceExport));
			JsonNode foreign = socket.next(WAIT);
			socket.subscribe("unknown", SUBSCRIPTION, Map.of("id", UUID.randomUUID().toString()));
			JsonNode unknown = socket.next(WAIT);

			for (JsonNode refused : List.of(foreign, unknown)) {
				assertThat(refused.path("type").asString()).as(refused.toString()).isIn("next", "error");
				assertThat(refused.toString()).contains("NOT_FOUND").doesNotContain(aliceExport);
			}
			assertThat(foreign.path("payload").toString()).isEqualTo(unknown.path("payload").toString());
		}
	}

	@Test
	void aBadTokenClosesTheConnection() {
		try (GraphQlWebSocket socket = GraphQlWebSocket.connect(baseUrl()).init("not-a-token")) {
			assertThat(socket.closeCode(WAIT)).isEqualTo(4401);
		}
	}

	@Test
	void withoutATokenTheSubscriptionIsRefused() throws Exception {
		PortalClient alice = newSubject();
		String id = alice.document("requestDataExport", "format", "JSON").text("data.requestDataExport.export.id");

		try (GraphQlWebSocket socket = GraphQlWebSocket.connect(baseUrl()).init(null)) {
			socket.next(WAIT);
			socket.subscribe("1", SUBSCRIPTION, Map.of("id", id));
			JsonNode refused = socket.next(WAIT);

			assertThat(refused).isNotNull();
			assertThat(refused.toString()).containsAnyOf("UNAUTHORIZED", "FORBIDDEN").doesNotContain("downloadUrl\":\"/");
		}
	}

}
