import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A data system to run beside the portal and watch the protocol: Java 17, no dependencies.
 *
 * <pre>java examples/data-system/ExampleDataSystem.java whsec_... [port]</pre>
 *
 * Checks each webhook's signature, prints it, answers {@code access.requested} at once with what it
 * "holds", and accepts {@code erasure.requested} (202) to confirm it five seconds later through the
 * signed callback. Consent changes are acknowledged at once.
 */
public class ExampleDataSystem {

	private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private static String secret;

	public static void main(String[] args) throws IOException {
		if (args.length < 1 || !args[0].startsWith("whsec_")) {
			System.err.println("usage: java ExampleDataSystem.java <signingSecret whsec_...> [port, default 9099]");
			System.exit(2);
		}
		secret = args[0];
		int port = args.length > 1 ? Integer.parseInt(args[1]) : 9099;
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		server.createContext("/webhook", ExampleDataSystem::handle);
		server.start();
		System.out.println("Listening on http://127.0.0.1:" + port + "/webhook");
	}

	private static void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String id = exchange.getRequestHeaders().getFirst("webhook-id");
		String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
		String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
		if (!verified(id, timestamp, signatures, body)) {
			System.out.println("REFUSED (bad or stale signature): " + body);
			reply(exchange, 401, "");
			return;
		}
		System.out.println("webhook " + id + ": " + body);
		String type = field(body, "type");
		if ("access.requested".equals(type)) {
			reply(exchange, 200, "{\"customerNumber\": \"C-1001\", \"newsletter\": true, \"lastOrder\": \"2026-11-02\"}");
		}
		else if ("erasure.requested".equals(type)) {
			reply(exchange, 202, "");
			String callbackUrl = field(body, "callbackUrl");
			CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS).execute(() -> callBack(callbackUrl));
		}
		else {
			reply(exchange, 200, "{}");
		}
	}

	/** The whole signature check: HMAC-SHA256 of "id.timestamp.body", keyed with the secret's base64 part. */
	static boolean verified(String id, String timestamp, String signatures, String body) {
		if (id == null || timestamp == null || signatures == null
				|| Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
			return false;
		}
		byte[] expected = sign(id, Long.parseLong(timestamp), body).getBytes(StandardCharsets.UTF_8);
		for (String signature : signatures.split(" ")) {
			if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
				return true;
			}
		}
		return false;
	}

	static String sign(String id, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
			return "v1," + Base64.getEncoder()
				.encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void callBack(String callbackUrl) {
		String result = "{\"erased\": true}";
		String id = "msg_" + UUID.randomUUID();
		long timestamp = Instant.now().getEpochSecond();
		try {
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(callbackUrl))
				.header("Content-Type", "application/json")
				.header("webhook-id", id)
				.header("webhook-timestamp", Long.toString(timestamp))
				.header("webhook-signature", sign(id, timestamp, result))
				.POST(HttpRequest.BodyPublishers.ofString(result))
				.build(), HttpResponse.BodyHandlers.ofString());
			System.out.println("callback " + callbackUrl + " -> " + response.statusCode() + " " + response.body());
		}
		catch (IOException | InterruptedException ex) {
			System.out.println("callback failed: " + ex);
		}
	}

	/** A top-level string field; a real system uses its JSON library. */
	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		return matcher.find() ? matcher.group(1) : null;
	}

	private static void reply(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
