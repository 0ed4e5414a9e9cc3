import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU the portal spends on dataExportUpdated subscriptions that have nothing to report: one subject,
 * one READY export, N subscriptions to it on one WebSocket, the portal's CPU time over a window,
 * against the same window with none. Run by subscription-poll-cost.sh.
 *
 * Arguments: base URL, portal pid, subscriptions, window seconds.
 */
class SubscriptionPollCost {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	public static void main(String[] args) throws Exception {
		String base = args[0];
		ProcessHandle portal = ProcessHandle.of(Long.parseLong(args[1])).orElseThrow();
		int subscriptions = Integer.parseInt(args[2]);
		Duration window = Duration.ofSeconds(Long.parseLong(args[3]));

		String token = field(post(base + "/dev/tokens", null,
				"{\"sub\":\"poll-cost\",\"scopes\":[\"privacy.self\"],\"email\":\"poll@example.com\"}"), "access_token");
		String exportId = field(post(base + "/graphql", token,
				"{\"query\":\"mutation { requestDataExport(input: {format: JSON}) { export { id } } }\"}"), "id");
		while (!post(base + "/graphql", token, "{\"query\":\"{ me { exports(first: 1) { edges { node { status } } } } }\"}")
			.contains("READY")) {
			Thread.sleep(200);
		}

		double idle = cpuPercent(portal, window);

		CountDownLatch first = new CountDownLatch(subscriptions);
		WebSocket socket = HTTP.newWebSocketBuilder()
			.subprotocols("graphql-transport-ws")
			.buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/graphql"), new WebSocket.Listener() {
				private final StringBuilder text = new StringBuilder();

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					text.append(data);
					if (last) {
						if (text.indexOf("\"type\":\"next\"") >= 0) {
							first.countDown();
						}
						text.setLength(0);
					}
					webSocket.request(1);
					return null;
				}
			})
			.join();
		socket.sendText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}", true).join();
		for (int i = 0; i < subscriptions; i++) {
			socket.sendText("{\"id\":\"" + i + "\",\"type\":\"subscribe\",\"payload\":{\"query\":"
					+ "\"subscription($id: ID!) { dataExportUpdated(id: $id) { id status } }\",\"variables\":{\"id\":\""
					+ exportId + "\"}}}", true).join();
		}
		if (!first.await(2, TimeUnit.MINUTES)) {
			throw new IllegalStateException((subscriptions - first.getCount()) + " of " + subscriptions + " subscriptions answered");
		}

		double busy = cpuPercent(portal, window);
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
		System.out.printf("| %d subscriptions to one export, one socket | %ds | %.1f %% of a core | %.1f %% idle | %.1f %% for the subscriptions |%n",
				subscriptions, window.toSeconds(), busy, idle, busy - idle);
	}

	private static double cpuPercent(ProcessHandle process, Duration window) throws InterruptedException {
		Duration before = process.info().totalCpuDuration().orElseThrow();
		Thread.sleep(window.toMillis());
		Duration after = process.info().totalCpuDuration().orElseThrow();
		return 100.0 * after.minus(before).toNanos() / window.toNanos();
	}

	private static String post(String url, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
		if (!matcher.find()) {
			throw new IllegalStateException("No " + name + " in " + json);
		}
		return matcher.group(1);
	}

}
