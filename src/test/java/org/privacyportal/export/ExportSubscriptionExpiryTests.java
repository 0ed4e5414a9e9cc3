package org.privacyportal.export;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.privacyportal.support.GraphQlWebSocket;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;

import static org.assertj.core.api.Assertions.assertThat;

/** An open subscription delivers nothing once the token of its connection has expired. */
class ExportSubscriptionExpiryTests extends PortalIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Autowired
	private ExportExpiry expiry;

	@Test
	void anUpdateAfterTheTokenExpiredClosesTheConnectionInsteadOfArriving() throws Exception {
		String sub = "ws-expiring-" + UUID.randomUUID();
		String id = ExportTestSupport.readyExport(as(sub, List.of("privacy.self"), sub + "@example.com", "Expiring"));
		Instant tokenExpiry = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
		String shortLived = issuer.sign(JwtClaimsSet.builder()
			.issuer(issuer.issuer())
			.subject(sub)
			.issuedAt(Instant.now())
			.expiresAt(tokenExpiry)
			.claim("scope", "privacy.self")
			.build());

		try (GraphQlWebSocket socket = GraphQlWebSocket.connect(baseUrl()).init(shortLived)) {
			assertThat(socket.next(WAIT).path("type").asString()).isEqualTo("connection_ack");
			socket.subscribe("1", "subscription($id: ID!) { dataExportUpdated(id: $id) { status } }", Map.of("id", id));
			JsonNode ready = socket.next(WAIT);
			assertThat(ready.path("payload").path("data").path("dataExportUpdated").path("status").asString())
				.isEqualTo("READY");

			while (!Instant.now().isAfter(tokenExpiry)) {
				Thread.sleep(100);
			}
			clock.advance(Duration.ofDays(7).plusMinutes(1));
			expiry.expireDue();

			assertThat(socket.closeCode(WAIT)).isEqualTo(4401);
			assertThat(socket.next(Duration.ZERO)).as("nothing after the token expired").isNull();
		}
	}

}
