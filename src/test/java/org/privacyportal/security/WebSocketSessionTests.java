package org.privacyportal.security;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.privacyportal.support.GraphQlWebSocket;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.security.oauth2.jwt.JwtClaimsSet;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code graphql-transport-ws} connection lives no longer than the token it was opened with. */
class WebSocketSessionTests extends PortalIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final String ME = "{ me { id } }";

	@Test
	void anOperationAfterTheTokenExpiredClosesTheConnectionWith4401() throws Exception {
		Instant expiry = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
		String token = issuer.sign(JwtClaimsSet.builder()
			.issuer(issuer.issuer())
			.subject("ws-expiring-" + UUID.randomUUID())
			.issuedAt(Instant.now())
			.expiresAt(expiry)
			.claim("scope", Scopes.SELF)
			.build());

		try (GraphQlWebSocket socket = GraphQlWebSocket.connect(baseUrl()).init(token)) {
			assertThat(socket.next(WAIT).path("type").asString()).isEqualTo("connection_ack");
			socket.subscribe("before", ME, Map.of());
			assertThat(socket.next(WAIT).path("payload").path("data").path("me").path("id").asString()).isNotBlank();
			assertThat(socket.next(WAIT).path("type").asString()).isEqualTo("complete");

			waitUntilPast(expiry);
			socket.subscribe("after", ME, Map.of());

			assertThat(socket.closeCode(WAIT)).isEqualTo(4401);
			assertThat(socket.next(Duration.ZERO)).isNull();
		}
	}

	@Test
	void anAnonymousOperationOnAProtectedFieldIsAGraphQlError() throws Exception {
		try (GraphQlWebSocket socket = GraphQlWebSocket.connect(baseUrl()).init(null)) {
			assertThat(socket.next(WAIT).path("type").asString()).isEqualTo("connection_ack");
			socket.subscribe("1", ME, Map.of());

			JsonNode answer = socket.next(WAIT);
			assertThat(answer).as("an answer, not a closed socket").isNotNull();
			assertThat(answer.path("type").asString()).isEqualTo("next");
			assertThat(answer.path("payload").path("errors").path(0).path("extensions").path("classification").asString())
				.isEqualTo("UNAUTHORIZED");
			assertThat(socket.next(WAIT).path("type").asString()).isEqualTo("complete");
			assertThat(socket.closeCode(Duration.ZERO)).isNull();
		}
	}

	private static void waitUntilPast(Instant instant) throws InterruptedException {
		while (!Instant.now().isAfter(instant)) {
			Thread.sleep(100);
		}
	}

}
