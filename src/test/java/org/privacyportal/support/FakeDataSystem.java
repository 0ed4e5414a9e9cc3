package org.privacyportal.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A data system in the test JVM: a real HTTP server that records each webhook, checks its
 * signature the way the README tells a system's developer to, and answers with the replies queued
 * for it (then with the default one). It signs callbacks with its secret like a real system would.
 */
public final class FakeDataSystem implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Deque<Reply> replies = new ArrayDeque<>();

	private final Reply otherwise;

	private volatile String secret = "";

	public FakeDataSystem(Reply otherwise) {
		this.otherwise = otherwise;
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		server.createContext("/webhook", this::handle);
		server.start();
	}

	/** One answer: an HTTP status and a body. */
	public record Reply(int status, String body) {

		public static Reply answer(String json) {
			return new Reply(200, json);
		}

		public static Reply accepted() {
			return new Reply(202, "");
		}

		public static Reply failing() {
			return new Reply(500, "");
		}

	}

	/** One webhook as it arrived, and whether its signature was right. */
	public record Received(String id, String timestamp, String signature, JsonNode body, boolean signedCorrectly) {
	}

	/** Registers this system through the API as {@code admin} and keeps the secret it is given; answers its name. */
	public String register(PortalClient admin, String kind, int answerWithinHours) {
		String name = "System " + UUID.randomUUID().toString().substring(0, 8);
		GraphQlResponse registered = admin.document("registerDataSystem", "name", name, "endpoint", endpoint(), "handles",
				List.of(kind), "hours", answerWithinHours);
		if (!registered.path("data.registerDataSystem.userErrors").isEmpty()) {
			throw new AssertionError("Not registered: " + registered.rawBody());
		}
		secret = registered.text("data.registerDataSystem.signingSecret");
		return name;
	}

	public String endpoint() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
	}

	public void secret(String secret) {
		this.secret = secret;
	}

	public String secretForTests() {
		return secret;
	}

	public synchronized void then(Reply... next) {
		replies.addAll(List.of(next));
	}

	public List<Received> received() {
		return List.copyOf(received);
	}

	/** Posts {@code result} to the task's callbackUrl signed with this system's secret; answers the HTTP status. */
	public int callBack(JsonNode webhook, String result) {
		return callBack(webhook, result, "msg_" + UUID.randomUUID(), System.currentTimeMillis() / 1000, secret);
	}

	public int callBack(JsonNode webhook, String result, String id, long timestamp, String signingSecret) {
		String signature = sign(signingSecret, id, timestamp, result);
		return post(webhook.path("callbackUrl").asString(), result, id, Long.toString(timestamp), signature);
	}

	/** Posts exactly these headers, e.g. to replay a message. */
	public static int post(String url, String body, String id, String timestamp, String signature) {
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/json")
				.header("webhook-id", id)
				.header("webhook-timestamp", timestamp)
				.header("webhook-signature", signature)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Standard Webhooks: {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}, keyed with the secret after {@code whsec_}. */
	public static String sign(String secret, String id, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
			return "v1," + Base64.getEncoder()
				.encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String id = exchange.getRequestHeaders().getFirst("webhook-id");
		String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
		String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
		boolean signed = id != null && timestamp != null && signature != null
				&& sign(secret, id, Long.parseLong(timestamp), body).equals(signature);
		received.add(new Received(id, timestamp, signature, JsonMapper.shared().readTree(body), signed));
		Reply reply;
		synchronized (this) {
			reply = replies.isEmpty() ? otherwise : replies.poll();
		}
		byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		server.stop(0);
	}

}
