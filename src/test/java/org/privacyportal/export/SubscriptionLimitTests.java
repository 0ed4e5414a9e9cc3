package org.privacyportal.export;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.privacyportal.api.SubscriptionLimits;
import org.privacyportal.support.GraphQlWebSocket;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Open subscriptions are capped per connection and per subject, over a real WebSocket. */
class SubscriptionLimitTests extends PortalIntegrationTest {

	private static final String SUBSCRIPTION = """
			subscription Updated($id: ID!) {
			  dataExportUpdated(id: $id) { id status }
			}""";

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Autowired
	private SubscriptionLimits limits;

	@Test
	void aConnectionHoldsAtMostItsCapAndASlotFreesWhenASubscriptionCompletes() throws Exception {
		String sub = "capped-" + UUID.randomUUID();
		String exportId = readyExport(sub);

		try (GraphQlWebSocket socket = open(sub)) {
			for (int i = 0; i < limits.maxPerConnection(); i++) {
				assertThat(subscribe(socket, "s" + i, exportId).path("type").asString()).isEqualTo("next");
			}

			JsonNode refused = subscribe(socket, "over", exportId);
			assertThat(refused.toString()).contains("BAD_REQUEST").contains("This connection already has");
			assertThat(socket.next(WAIT).path("type").asString()).isEqualTo("complete");

			socket.complete("s0");
			JsonNode accepted = subscribe(socket, "again", exportId);
			assertThat(accepted.path("payload").path("data").path("dataExportUpdated").path("status").asString())
				.isEqualTo("READY");
		}
	}

	@Test
	void aSubjectHoldsAtMostItsCapAcrossConnections() throws Exception {
		String sub = "capped-subject-" + UUID.randomUUID();
		String exportId = readyExport(sub);
		int perConnection = limits.maxPerConnection();

		try (GraphQlWebSocket first = open(sub); GraphQlWebSocket second = open(sub); GraphQlWebSocket third = open(sub)) {
			int opened = 0;
			for (GraphQlWebSocket socket : List.of(first, second, third)) {
				for (int i = 0; i < perConnection && opened < limits.maxPerSubject(); i++, opened++) {
					assertThat(subscribe(socket, "s" + i, exportId).path("type").asString()).isEqualTo("next");
				}
			}

			JsonNode refused = subscribe(third, "over", exportId);
			assertThat(refused.toString()).contains("BAD_REQUEST").contains("You already have");
		}
		try (GraphQlWebSocket afterwards = open(sub)) {
			assertThat(subscribe(afterwards, "fresh", exportId).path("payload").path("data").path("dataExportUpdated")
				.path("status").asString()).as("closed connections gave their slots back").isEqualTo("READY");
		}
	}

	private String readyExport(String sub) {
		return ExportTestSupport.readyExport(as(sub, List.of("privacy.self"), sub + "@example.com", "Capped"));
	}

	private GraphQlWebSocket open(String sub) throws InterruptedException {
		GraphQlWebSocket socket = GraphQlWebSocket.connect(baseUrl())
			.init(issuer.issue(sub, List.of("privacy.self"), null, null));
		assertThat(socket.next(WAIT).path("type").asString()).isEqualTo("connection_ack");
		return socket;
	}

	private static JsonNode subscribe(GraphQlWebSocket socket, String id, String exportId) throws InterruptedException {
		socket.subscribe(id, SUBSCRIPTION, Map.of("id", exportId));
		JsonNode answer = socket.next(WAIT);
		assertThat(answer).as("an answer to " + id).isNotNull();
		assertThat(answer.path("id").asString()).isEqualTo(id);
		return answer;
	}

}
