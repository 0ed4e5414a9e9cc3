import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

/**
 * Run by export-benchmark.sh against a portal it started. For each requested history size it
 * registers a subject over the API, writes that many consent events straight into the store (the
 * API takes at most six per call), and asks for a JSON and a ZIP export, each twice: once timed
 * from request to READY, with the heap the portal's GC log shows meanwhile, and once while
 * {@code jcmd GC.class_histogram} counts the live heap every half second (each count is a full
 * collection, which is why that run is not the timed one).
 *
 * <p>Arguments: base URL, store URI, GC log path, the portal's process id, then the history sizes.
 */
public class ExportBenchmark {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final String[] PURPOSES = { "company-marketing", "promotional-mail", "third-party-marketing",
			"analytics", "advertising-cookies" };

	/** {@code [2026-01-01T10:00:00.123+0000] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 90M->20M(256M) 3.1ms}. */
	private static final Pattern GC_LINE = Pattern
		.compile("^\\[([^\\]]+)\\].*GC\\(\\d+\\) Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

	private static final DateTimeFormatter GC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

	public static void main(String[] args) throws Exception {
		String baseUrl = args[0];
		Path gcLog = Path.of(args[2]);
		long pid = Long.parseLong(args[3]);
		awaitHealthy(baseUrl);
		Instant idleFrom = Instant.now();
		Thread.sleep(2000);
		Heap idle = heap(gcLog, Instant.EPOCH, Instant.now());
		List<String> rows = new ArrayList<>();
		try (MongoClient store = MongoClients.create(args[1])) {
			MongoCollection<Document> events = store.getDatabase("privacy-portal").getCollection("consent_events");
			MongoCollection<Document> settings = store.getDatabase("privacy-portal").getCollection("consent_settings");
			String policyVersion = graphql(baseUrl, null, "{ privacyPolicy { version } }", new Document())
				.get("data", Document.class).get("privacyPolicy", Document.class).getString("version");
			for (int i = 4; i < args.length; i++) {
				int size = Integer.parseInt(args[i]);
				String token = token(baseUrl, "bench-" + size + "-" + UUID.randomUUID());
				String subjectId = graphql(baseUrl, token, "{ me { id } }", new Document())
					.get("data", Document.class).get("me", Document.class).getString("id");
				long written = System.nanoTime();
				writeHistory(events, subjectId, size, policyVersion);
				// the settings document counts the events, as the portal's own writes do
				settings.replaceOne(new Document("_id", subjectId),
						new Document("_id", subjectId).append("revision", 1L)
							.append("eventSeq", (long) size)
							.append("choices", new Document())
							.append("pendingEvents", List.of()),
						new ReplaceOptions().upsert(true));
				System.err.printf("%,d consent events written in %d ms%n", size, (System.nanoTime() - written) / 1_000_000);
				long before = histogramTotal(pid) / (1024 * 1024);
				for (String format : List.of("JSON", "ZIP")) {
					Timed timed = timed(baseUrl, token, format, size, gcLog);
					if (format.equals("JSON")) {
						checkHistory(baseUrl, timed.downloadUrl(), size);
					}
					long live = liveHeap(baseUrl, token, format, pid);
					System.err.printf("%,d events, %s: at most %s live during the export%n", size, format, mb(live));
					rows.add(String.format("| %,d | %s | %.1f s | %.1f MB | %s | %s | %s | %s |", size, format,
							timed.millis() / 1000.0, timed.bytes() / 1_000_000.0, mb(timed.heap().peakBefore),
							mb(timed.heap().peakAfter), mb(before), mb(live)));
				}
			}
		}
		System.out.println("| consent events | format | time to READY | file size | heap used before a GC, peak | heap after a GC, peak | live heap before the export | live heap during it, peak |");
		System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
		rows.forEach(System.out::println);
		System.out.printf("%nStart-up: %s used before a GC at most, %s after; idle from %s.%n", mb(idle.peakBefore),
				mb(idle.peakAfter), idleFrom);
	}

	private static Timed timed(String baseUrl, String token, String format, int size, Path gcLog) throws Exception {
		Instant started = Instant.now();
		long start = System.nanoTime();
		Document ready = exportUntilReady(baseUrl, token, format);
		long millis = (System.nanoTime() - start) / 1_000_000;
		Thread.sleep(500);
		Heap heap = heap(gcLog, started, Instant.now());
		long bytes = ((Number) ready.get("sizeBytes")).longValue();
		System.err.printf("%,d events, %s: READY after %,d ms, %,d bytes%n", size, format, millis, bytes);
		return new Timed(millis, bytes, heap, ready.getString("downloadUrl"));
	}

	/** The largest live heap (after a full collection) counted while an export is built. */
	private static long liveHeap(String baseUrl, String token, String format, long pid) throws Exception {
		AtomicLong max = new AtomicLong();
		AtomicBoolean done = new AtomicBoolean();
		Thread sampler = new Thread(() -> {
			while (!done.get()) {
				max.accumulateAndGet(histogramTotal(pid), Math::max);
				try {
					Thread.sleep(500);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		});
		sampler.start();
		try {
			exportUntilReady(baseUrl, token, format);
		}
		finally {
			done.set(true);
			sampler.join();
		}
		return max.get() / (1024 * 1024);
	}

	private static long histogramTotal(long pid) {
		try {
			Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").redirectErrorStream(true)
				.start();
			String output = new String(jcmd.getInputStream().readAllBytes());
			jcmd.waitFor();
			Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(output);
			return total.find() ? Long.parseLong(total.group(1)) : 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

	private static Document exportUntilReady(String baseUrl, String token, String format) throws Exception {
		long start = System.nanoTime();
		Document payload = graphql(baseUrl, token,
				"mutation($f: ExportFormat!) { requestDataExport(input: {format: $f}) { export { id } userErrors { code message } } }",
				new Document("f", format))
			.get("data", Document.class).get("requestDataExport", Document.class);
		Document export = payload.get("export", Document.class);
		if (export == null) {
			throw new IllegalStateException("The export was refused: " + payload.toJson());
		}
		String id = export.getString("id");
		while (true) {
			Document node = find(graphql(baseUrl, token,
					"{ me { exports(first: 5) { edges { node { id status sizeBytes downloadUrl } } } } }", new Document()), id);
			String status = node.getString("status");
			if (status.equals("READY")) {
				return node;
			}
			if (status.equals("FAILED") || System.nanoTime() - start > Duration.ofMinutes(10).toNanos()) {
				throw new IllegalStateException("Export " + id + " ended " + status);
			}
			Thread.sleep(50);
		}
	}

	/** The downloaded document holds the whole history, in order. */
	private static void checkHistory(String baseUrl, String downloadUrl, int size) throws Exception {
		HttpResponse<String> file = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + downloadUrl)).build(),
				HttpResponse.BodyHandlers.ofString());
		List<Document> history = Document.parse(file.body())
			.get("sections", Document.class)
			.getList("consentHistory", Document.class);
		for (int i = 0; i < history.size(); i++) {
			if (!history.get(i).getString("purposeKey").equals(PURPOSES[(i + 1) % PURPOSES.length])) {
				throw new IllegalStateException("History entry " + (i + 1) + " is out of order");
			}
		}
		if (history.size() != size) {
			throw new IllegalStateException("The export holds " + history.size() + " of " + size + " events");
		}
	}

	private static void writeHistory(MongoCollection<Document> events, String subjectId, int size,
			String policyVersion) {
		Instant first = Instant.now().minus(Duration.ofDays(365));
		List<Document> batch = new ArrayList<>();
		for (int seq = 1; seq <= size; seq++) {
			batch.add(new Document("_id", subjectId + ":" + seq).append("subjectId", subjectId)
				.append("seq", (long) seq)
				.append("purposeKey", PURPOSES[seq % PURPOSES.length])
				.append("granted", seq % 2 == 0)
				.append("source", "SUBJECT")
				.append("channel", "benchmark")
				.append("policyVersion", policyVersion)
				.append("at", Date.from(first.plusSeconds(seq * 60L))));
			if (batch.size() == 1000) {
				events.insertMany(batch);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			events.insertMany(batch);
		}
	}

	private static Document find(Document response, String id) {
		for (Document edge : response.get("data", Document.class)
			.get("me", Document.class)
			.get("exports", Document.class)
			.getList("edges", Document.class)) {
			Document node = edge.get("node", Document.class);
			if (node.getString("id").equals(id)) {
				return node;
			}
		}
		throw new IllegalStateException("Export " + id + " is not listed");
	}

	private static String token(String baseUrl, String sub) throws Exception {
		Document body = new Document("sub", sub).append("scopes", List.of("privacy.self"))
			.append("email", sub + "@example.com")
			.append("name", "Benchmark Subject");
		return post(baseUrl + "/dev/tokens", null, body).getString("access_token");
	}

	private static Document graphql(String baseUrl, String token, String query, Document variables) throws Exception {
		Document response = post(baseUrl + "/graphql", token, new Document("query", query).append("variables", variables));
		if (response.containsKey("errors")) {
			throw new IllegalStateException("GraphQL errors: " + response.toJson());
		}
		return response;
	}

	private static Document post(String url, String token, Document body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body.toJson()));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
		}
		return Document.parse(response.body());
	}

	private static void awaitHealthy(String baseUrl) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<String> health = HTTP.send(
						HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("The portal did not start within 3 minutes");
	}

	/** The largest heap figures of the GC pauses logged in {@code [from, to]}. */
	private static Heap heap(Path gcLog, Instant from, Instant to) throws IOException {
		long before = 0;
		long after = 0;
		for (String line : Files.readAllLines(gcLog)) {
			Matcher gc = GC_LINE.matcher(line);
			if (gc.find()) {
				Instant at = OffsetDateTime.parse(gc.group(1), GC_TIME).toInstant();
				if (!at.isBefore(from) && !at.isAfter(to)) {
					before = Math.max(before, Long.parseLong(gc.group(2)));
					after = Math.max(after, Long.parseLong(gc.group(3)));
				}
			}
		}
		return new Heap(before, after);
	}

	private static String mb(long megabytes) {
		return megabytes == 0 ? "no GC" : megabytes + " MB";
	}

	private record Heap(long peakBefore, long peakAfter) {
	}

	private record Timed(long millis, long bytes, Heap heap, String downloadUrl) {
	}

}
