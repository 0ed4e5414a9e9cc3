package org.privacyportal.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A bare {@code graphql-transport-ws} client over the JDK's WebSocket, as a browser speaks it. */
public final class GraphQlWebSocket implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final WebSocket socket;

	private GraphQlWebSocket(String baseUrl, Map<String, String> headers) {
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-transport-ws");
		headers.forEach(builder::header);
		this.socket = builder.buildAsync(URI.create(baseUrl.replaceFirst("^http", "ws") + "/graphql"), new Listener())
			.join();
	}

	public static GraphQlWebSocket connect(String baseUrl) {
		return connect(baseUrl, Map.of());
	}

	/** With {@code headers} on the handshake, e.g. {@code Accept-Language}. */
	public static GraphQlWebSocket connect(String baseUrl, Map<String, String> headers) {
		return new GraphQlWebSocket(baseUrl, headers);
	}

	/** Sends {@code connection_init}, with the token in the payload when there is one. */
	public GraphQlWebSocket init(String token) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("type", "connection_init");
		if (token != null) {
			message.put("payload", Map.of("Authorization", "Bearer " + token));
		}
		send(message);
		return this;
	}

	public void subscribe(String id, String query, Map<String, Object> variables) {
		send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query, "variables", variables)));
	}

	/** Ends a subscription from the client's side. */
	public void complete(String id) {
		send(Map.of("id", id, "type", "complete"));
	}

	/** The next message, or null after the timeout. */
	public JsonNode next(Duration timeout) throws InterruptedException {
		return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The close code the server sent, or null if it did not close in time. */
	public Integer closeCode(Duration timeout) {
		try {
			return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			return null;
		}
	}

	private void send(Map<String, Object> message) {
		socket.sendText(JSON.writeValueAsString(message), true).join();
	}

	@Override
	public void close() {
		if (!socket.isOutputClosed()) {
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
		}
		socket.abort();
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			partial.append(data);
			if (last) {
				messages.add(JSON.readTree(partial.toString()));
				partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			closed.completeExceptionally(error);
		}

	}

}
