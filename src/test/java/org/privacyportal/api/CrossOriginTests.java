package org.privacyportal.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The default of the embedded setup: any loopback origin, nothing else. */
class CrossOriginTests extends PortalIntegrationTest {

	private static final String APP = "http://localhost:5173";

	private static final String OTHER = "https://evil.example";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aLoopbackOriginMayPostAndReadTheAnswer() {
		GraphQlResponse response = anonymous().header("Origin", APP).query("{ privacyPolicy { version } }");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
		assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
		assertThat(response.text("data.privacyPolicy.version")).isNotBlank();
	}

	@Test
	void anotherOriginIsRefusedWithoutAnAllowOrigin() {
		GraphQlResponse response = newSubject().header("Origin", OTHER).query("{ me { id } }");

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(response.rawBody()).doesNotContain("\"data\"");
	}

	@Test
	void thePreflightAllowsTheApiHeadersWithoutCredentials() {
		HttpResponse<String> preflight = preflight(APP, "POST",
				"authorization,content-type,idempotency-key,accept-language");

		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST", "GET");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
			.contains("authorization", "content-type", "idempotency-key", "accept-language");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
	}

	@Test
	void aPreflightFromAnotherOriginOrForAnotherHeaderIsRefused() {
		HttpResponse<String> otherOrigin = preflight(OTHER, "POST", "authorization");
		HttpResponse<String> otherHeader = preflight(APP, "POST", "x-debug");

		assertThat(otherOrigin.statusCode()).isEqualTo(403);
		assertThat(otherOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(otherHeader.statusCode()).isEqualTo(403);
		assertThat(otherHeader.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void theWebSocketHandshakeAcceptsALoopbackOriginAndRefusesAnother() {
		WebSocket socket = connect(APP);
		socket.abort();

		assertThatThrownBy(() -> connect(OTHER)).isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					ex -> assertThat(ex.getResponse().statusCode()).isEqualTo(403));
	}

	private WebSocket connect(String origin) {
		return http.newWebSocketBuilder()
			.header("Origin", origin)
			.subprotocols("graphql-transport-ws")
			.buildAsync(URI.create(baseUrl().replaceFirst("^http", "ws") + "/graphql"), new WebSocket.Listener() {
			})
			.join();
	}

	private HttpResponse<String> preflight(String origin, String method, String headers) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/graphql"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", method)
			.header("Access-Control-Request-Headers", headers)
			.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
