import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Run by crash-recovery.sh, one step per call, against the portal it started:
 * <ul>
 * <li>{@code export}: registers a subject, writes its consent history straight into the store, asks
 * for a JSON export and kills the portal ({@code SIGKILL}) as soon as the store shows the export
 * claimed and its file partly written, right after another subject changed a consent;</li>
 * <li>{@code export-check}: after the restart, waits for the export and checks it was finished once,
 * completely, and that the other subject's change is still there;</li>
 * <li>{@code deletion}: the same subject asks for its erasure; the portal is killed as soon as the
 * store shows the request claimed;</li>
 * <li>{@code deletion-check}: after the restart, waits for the erasure and checks it was finished
 * once, completely.</li>
 * </ul>
 * Each step appends its findings to the summary as Markdown table rows and exits with 1 on a
 * mismatch. The ids travel between steps in a properties file.
 *
 * <p>Arguments: step, base URL, store URI, state file, summary file, then for {@code export} and
 * {@code deletion} the portal's process id, for {@code export} the history size.
 */
public class CrashRecovery {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final String[] PURPOSES = { "company-marketing", "promotional-mail", "third-party-marketing",
			"analytics", "advertising-cookies" };

	private static final Duration WAIT = Duration.ofMinutes(3);

	private final String baseUrl;

	private final MongoDatabase db;

	private final Path stateFile;

	private final Properties state = new Properties();

	private final List<String> rows = new ArrayList<>();

	private boolean failed;

	private CrashRecovery(String baseUrl, MongoDatabase db, Path stateFile) throws IOException {
		this.baseUrl = baseUrl;
		this.db = db;
		this.stateFile = stateFile;
		if (Files.exists(stateFile)) {
			try (var in = Files.newInputStream(stateFile)) {
				state.load(in);
			}
		}
	}

	public static void main(String[] args) throws Exception {
		try (MongoClient store = MongoClients.create(args[2])) {
			CrashRecovery run = new CrashRecovery(args[1], store.getDatabase("privacy-portal"), Path.of(args[3]));
			int status;
			try {
				switch (args[0]) {
					case "export" -> run.killDuringExport(Long.parseLong(args[5]), Integer.parseInt(args[6]));
					case "export-check" -> run.checkExport();
					case "deletion" -> run.killDuringDeletion(Long.parseLong(args[5]));
					case "deletion-check" -> run.checkDeletion();
					default -> throw new IllegalArgumentException("Unknown step " + args[0]);
				}
				status = run.failed ? 1 : 0;
			}
			catch (RuntimeException ex) {
				System.err.println("crash-recovery " + args[0] + ": " + ex.getMessage());
				status = 2;
			}
			Files.write(Path.of(args[4]), run.rows, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
			try (var out = Files.newOutputStream(run.stateFile)) {
				run.state.store(out, null);
			}
			System.exit(status);
		}
	}

	private void killDuringExport(long pid, int size) throws Exception {
		String sub = "crash-" + UUID.randomUUID();
		String token = token(sub, "privacy.self");
		String subjectId = graphql(token, "{ me { id } }").get("me", Document.class).getString("id");
		state.setProperty("bystander", "crash-bystander-" + UUID.randomUUID());
		String bystander = token(state.getProperty("bystander"), "privacy.self");
		graphql(bystander, "{ me { id } }");
		writeHistory(subjectId, size);
		Document payload = graphql(token,
				"mutation { requestDataExport(input: {format: JSON}) { export { id } userErrors { code message } } }")
			.get("requestDataExport", Document.class);
		String exportId = payload.get("export", Document.class).getString("id");
		state.setProperty("sub", sub);
		state.setProperty("subjectId", subjectId);
		state.setProperty("exportId", exportId);
		state.setProperty("events", Integer.toString(size));
		// in flight: claimed, and the first chunks of this attempt's file are written
		Document seen = awaitInFlight(db.getCollection("exports"), Filters.eq("_id", exportId), export -> {
			if ("READY".equals(export.getString("status")) || "FAILED".equals(export.getString("status"))) {
				throw new IllegalStateException("The export ended " + export.getString("status")
						+ " before it could be killed; give a larger history");
			}
			return export.getString("claim") != null && db.getCollection("export_files.chunks")
				.countDocuments(Filters.eq("files_id", exportId + "/" + export.getInteger("attempts"))) > 0;
		});
		long chunks = db.getCollection("export_files.chunks")
			.countDocuments(Filters.eq("files_id", exportId + "/" + seen.getInteger("attempts")));
		// a change answered just before the kill, which must survive it like any other
		boolean analytics = !analytics(bystander);
		graphql(bystander, "mutation { updateConsents(input: {changes: [{purposeKey: \"analytics\", granted: " + analytics
				+ "}], channel: \"crash-recovery\"}) { userErrors { code } } }");
		kill(pid);
		state.setProperty("bystanderAnalytics", Boolean.toString(analytics));
		// the store lives in the killed process, so what it held is read from before the kill
		row("export: killed (SIGKILL) while", "claimed, file partly written", seen.getString("status") + ", attempt "
				+ seen.getInteger("attempts") + " claimed, " + chunks + " chunks of its file written", true);
		state.setProperty("killedAttempt", Integer.toString(seen.getInteger("attempts")));
	}

	private void checkExport() throws Exception {
		String exportId = state.getProperty("exportId");
		String subjectId = state.getProperty("subjectId");
		int events = Integer.parseInt(state.getProperty("events"));
		Document done = awaitStatus(db.getCollection("exports"), Filters.eq("_id", exportId), "READY", "FAILED");
		row("export: status after the restart", "READY", done.getString("status"), "READY".equals(done.getString("status")));
		long exports = count("exports", Filters.eq("subjectId", subjectId));
		row("export: exports of the subject", "1", Long.toString(exports), exports == 1);
		int attempts = done.getInteger("attempts");
		row("export: attempts", "the killed one and one more", Integer.toString(attempts),
				attempts == Integer.parseInt(state.getProperty("killedAttempt")) + 1);
		String downloadUrl = downloadUrl(token(state.getProperty("sub"), "privacy.self"), exportId);
		int history = history(downloadUrl);
		row("export: consent events in the downloaded file", Integer.toString(events), Integer.toString(history),
				history == events);
		String fileId = done.getString("fileId");
		MongoCollection<Document> files = db.getCollection("export_files.files");
		List<Object> fileIds = files.find(Filters.eq("metadata.exportId", exportId)).map(f -> f.get("_id")).into(new ArrayList<>());
		row("export: GridFS files of the export", "1 (" + fileId + ")", fileIds.size() + " " + fileIds,
				fileIds.equals(List.of(fileId)));
		Document file = files.find(Filters.eq("_id", fileId)).first();
		long expectedChunks = file == null ? -1
				: (file.get("length", Number.class).longValue() + file.getInteger("chunkSize") - 1) / file.getInteger("chunkSize");
		long chunks = count("export_files.chunks", Filters.regex("files_id", "^" + Pattern.quote(exportId + "/")));
		row("export: GridFS chunks of the export", expectedChunks + ", all of " + fileId, Long.toString(chunks),
				chunks == expectedChunks && count("export_files.chunks", Filters.eq("files_id", fileId)) == chunks);
		auditOnce(subjectId, "export.ready", exportId);
		mailOnce("exports", exportId, "export-ready");
		boolean analytics = analytics(token(state.getProperty("bystander"), "privacy.self"));
		row("another subject's consent change answered just before the kill", "analytics granted "
				+ state.getProperty("bystanderAnalytics"), "analytics granted " + analytics,
				state.getProperty("bystanderAnalytics").equals(Boolean.toString(analytics)));
	}

	private boolean analytics(String token) {
		return graphql(token, "{ me { consents { purposes { purpose { key } granted } } } }").get("me", Document.class)
			.get("consents", Document.class)
			.getList("purposes", Document.class)
			.stream()
			.filter(p -> p.get("purpose", Document.class).getString("key").equals("analytics"))
			.findFirst()
			.orElseThrow()
			.getBoolean("granted");
	}

	private void killDuringDeletion(long pid) throws Exception {
		String token = token(state.getProperty("sub"), "privacy.self");
		Document payload = graphql(token,
				"mutation { requestDeletion(input: {}) { request { id scheduledFor } userErrors { code message } } }")
			.get("requestDeletion", Document.class);
		String requestId = payload.get("request", Document.class).getString("id");
		state.setProperty("requestId", requestId);
		Document seen = awaitInFlight(db.getCollection("deletion_requests"), Filters.eq("_id", requestId), request -> {
			if (!"PENDING".equals(request.getString("status"))) {
				throw new IllegalStateException("The deletion ended " + request.getString("status")
						+ " before it could be killed; give a larger history");
			}
			return request.getString("claim") != null;
		});
		boolean erasureBegun = db.getCollection("subjects")
			.countDocuments(Filters.and(Filters.eq("_id", state.getProperty("subjectId")), Filters.ne("erasedAt", null))) > 0;
		kill(pid);
		row("deletion: killed (SIGKILL) while", "claimed", seen.getString("status") + ", claimed, profile "
				+ (erasureBegun ? "already erased" : "not yet erased"), true);
	}

	private void checkDeletion() throws Exception {
		String requestId = state.getProperty("requestId");
		String subjectId = state.getProperty("subjectId");
		String exportId = state.getProperty("exportId");
		Document done = awaitStatus(db.getCollection("deletion_requests"), Filters.eq("_id", requestId), "COMPLETED");
		row("deletion: status after the restart", "COMPLETED", done.getString("status"),
				"COMPLETED".equals(done.getString("status")));
		row("deletion: requests of the subject", "1", Long.toString(count("deletion_requests", Filters.eq("subjectId", subjectId))),
				count("deletion_requests", Filters.eq("subjectId", subjectId)) == 1);
		Document subject = db.getCollection("subjects").find(Filters.eq("_id", subjectId)).first();
		Document profile = subject.get("profile", Document.class);
		boolean profileEmpty = profile == null || profile.entrySet().stream().allMatch(e -> e.getValue() == null);
		row("deletion: profile", "empty, erasedAt set", (profileEmpty ? "empty" : profile.toJson()) + ", erasedAt "
				+ subject.get("erasedAt"), profileEmpty && subject.get("erasedAt") != null);
		long exports = count("exports", Filters.eq("subjectId", subjectId));
		long settings = count("consent_settings", Filters.eq("_id", subjectId));
		row("deletion: exports and consent choices", "0 and 0", exports + " and " + settings, exports == 0 && settings == 0);
		long files = count("export_files.files", Filters.eq("metadata.subjectId", subjectId))
				+ count("export_files.chunks", Filters.regex("files_id", "^" + Pattern.quote(exportId + "/")));
		row("deletion: export files and chunks", "0", Long.toString(files), files == 0);
		long keys = count("audit_keys", Filters.eq("_id", subjectId));
		long details = count("audit_events", Filters.and(Filters.eq("subjectId", subjectId), Filters.exists("details"),
				Filters.ne("details", new Document())));
		row("deletion: audit key and audit details", "0 and 0", keys + " and " + details, keys == 0 && details == 0);
		long proof = count("consent_events", Filters.eq("subjectId", subjectId));
		row("deletion: consent events kept as proof", state.getProperty("events"), Long.toString(proof),
				proof == Long.parseLong(state.getProperty("events")));
		auditOnce(subjectId, "deletion.completed", requestId);
		Document verification = graphql(token("crash-staff", "privacy.staff"),
				"{ auditTrailVerification(subjectId: \"" + subjectId + "\") { valid eventsChecked } }")
			.get("auditTrailVerification", Document.class);
		row("deletion: audit trail verifies", "valid", (verification.getBoolean("valid") ? "valid" : "broken") + ", "
				+ verification.getInteger("eventsChecked") + " events", verification.getBoolean("valid"));
		mailOnce("deletion_requests", requestId, "deletion-completed");
	}

	/** Polls the document until {@code inFlight} says so; answers it. */
	private Document awaitInFlight(MongoCollection<Document> collection, Bson filter,
			Predicate<Document> inFlight) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			Document document = collection.find(filter).first();
			if (document != null && inFlight.test(document)) {
				return document;
			}
			Thread.sleep(1);
		}
		throw new IllegalStateException("The work was not in flight within " + WAIT);
	}

	private Document awaitStatus(MongoCollection<Document> collection, Bson filter, String... ends)
			throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		Set<String> finals = Set.of(ends);
		Document document = null;
		while (System.nanoTime() < deadline) {
			document = collection.find(filter).first();
			if (document != null && finals.contains(document.getString("status"))) {
				return document;
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("Not finished within " + WAIT + ": " + (document == null ? "gone" : document.getString("status")));
	}

	/** SIGKILL, as {@code kill -9}; answers once the process is gone. */
	private static void kill(long pid) {
		ProcessHandle portal = ProcessHandle.of(pid).orElseThrow();
		portal.destroyForcibly();
		portal.onExit().join();
	}

	private void auditOnce(String subjectId, String action, String targetId) {
		long events = count("audit_events", Filters.and(Filters.eq("subjectId", subjectId), Filters.eq("action", action),
				Filters.eq("targetId", targetId)));
		row("audit: " + action + " events", "1", Long.toString(events), events == 1);
	}

	/** Mails of the template that a document's outbox holds or the mail worker has seen, by mail id. */
	private void mailOnce(String collection, String documentId, String template) {
		Set<String> ids = new HashSet<>();
		Document document = db.getCollection(collection).find(Filters.eq("_id", documentId)).first();
		if (document != null && document.getList("outbox", Document.class) != null) {
			document.getList("outbox", Document.class)
				.stream()
				.filter(mail -> template.equals(mail.getString("template")))
				.forEach(mail -> ids.add(mail.getString("_id") != null ? mail.getString("_id") : mail.getString("id")));
		}
		db.getCollection("mail_deliveries")
			.find(Filters.and(Filters.eq("documentId", documentId), Filters.eq("template", template)))
			.forEach(delivery -> ids.add(delivery.getString("_id")));
		row("mail: " + template + " mails", "1", Integer.toString(ids.size()), ids.size() == 1);
	}

	private void writeHistory(String subjectId, int size) {
		MongoCollection<Document> events = db.getCollection("consent_events");
		String policyVersion = graphql(null, "{ privacyPolicy { version } }").get("privacyPolicy", Document.class)
			.getString("version");
		Instant first = Instant.now().minus(Duration.ofDays(365));
		List<Document> batch = new ArrayList<>();
		for (int seq = 1; seq <= size; seq++) {
			batch.add(new Document("_id", subjectId + ":" + seq).append("subjectId", subjectId)
				.append("seq", (long) seq)
				.append("purposeKey", PURPOSES[seq % PURPOSES.length])
				.append("granted", seq % 2 == 0)
				.append("source", "SUBJECT")
				.append("channel", "crash-recovery")
				.append("policyVersion", policyVersion)
				.append("at", Date.from(first.plusSeconds(seq * 60L))));
			if (batch.size() == 1000 || seq == size) {
				events.insertMany(batch);
				batch.clear();
			}
		}
		// the settings document counts the events, as the portal's own writes do
		db.getCollection("consent_settings")
			.replaceOne(Filters.eq("_id", subjectId), new Document("_id", subjectId).append("revision", 1L)
				.append("eventSeq", (long) size)
				.append("choices", new Document())
				.append("pendingEvents", List.of()), new ReplaceOptions().upsert(true));
	}

	private String downloadUrl(String token, String exportId) {
		for (Document edge : graphql(token, "{ me { exports(first: 5) { edges { node { id downloadUrl } } } } }")
			.get("me", Document.class)
			.get("exports", Document.class)
			.getList("edges", Document.class)) {
			Document node = edge.get("node", Document.class);
			if (node.getString("id").equals(exportId)) {
				return node.getString("downloadUrl");
			}
		}
		throw new IllegalStateException("Export " + exportId + " is not listed");
	}

	private int history(String downloadUrl) throws IOException, InterruptedException {
		HttpResponse<String> file = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + downloadUrl)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (file.statusCode() != 200) {
			return -file.statusCode();
		}
		return Document.parse(file.body()).get("sections", Document.class).getList("consentHistory", Document.class).size();
	}

	private long count(String collection, Bson filter) {
		return db.getCollection(collection).countDocuments(filter);
	}

	private void row(String check, String expected, String found, boolean ok) {
		failed |= !ok;
		rows.add("| " + check + " | " + expected + " | " + found + " | " + (ok ? "ok" : "**MISMATCH**") + " |");
	}

	private String token(String sub, String scope) {
		Document body = new Document("sub", sub).append("scopes", List.of(scope))
			.append("email", sub + "@example.com")
			.append("name", "Crash Recovery");
		return post(baseUrl + "/dev/tokens", null, body).getString("access_token");
	}

	private Document graphql(String token, String query) {
		Document response = post(baseUrl + "/graphql", token, new Document("query", query));
		if (response.containsKey("errors")) {
			throw new IllegalStateException("GraphQL errors: " + response.toJson());
		}
		return response.get("data", Document.class);
	}

	private static Document post(String url, String token, Document body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body.toJson()));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
			}
			return Document.parse(response.body());
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
