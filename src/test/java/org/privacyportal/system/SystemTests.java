package org.privacyportal.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.privacyportal.support.FakeDataSystem;
import org.privacyportal.support.FakeDataSystem.Received;
import org.privacyportal.support.FakeDataSystem.Reply;
import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Data systems against real HTTP servers in this JVM: registration, signed webhooks, answers at
 * once and through the callback, retries, silence and forged callbacks, and what exports make of it.
 * Each test switches its systems off afterwards, so other tests' requests reach none.
 */
class SystemTests extends PortalIntegrationTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Autowired
	private SystemDelivery delivery;

	private final List<FakeDataSystem> fakes = new ArrayList<>();

	@AfterEach
	void switchSystemsOff() {
		mongo.updateMulti(new Query(), Update.update("enabled", false), DataSystem.class);
		fakes.forEach(FakeDataSystem::close);
	}

	@Test
	void registrationShowsTheSecretOnceAndRefusesBadInputWithoutStoringAnything() {
		PortalClient admin = admin();
		FakeDataSystem crm = fake(Reply.answer("{}"));
		String name = "CRM " + UUID.randomUUID();
		GraphQlResponse registered = admin.document("registerDataSystem", "name", name, "endpoint", crm.endpoint(),
				"handles", List.of("ACCESS", "ERASURE", "ACCESS"));
		assertThat(registered.path("data.registerDataSystem.userErrors")).isEmpty();
		String secret = registered.text("data.registerDataSystem.signingSecret");
		assertThat(secret).startsWith("whsec_");
		assertThat(registered.path("data.registerDataSystem.system.handles").toString()).isEqualTo("[\"ACCESS\",\"ERASURE\"]");
		assertThat(registered.path("data.registerDataSystem.system.answerWithinHours").asInt()).isEqualTo(72);
		String id = registered.text("data.registerDataSystem.system.id");
		DataSystem stored = mongo.findById(id, DataSystem.class);
		assertThat(stored.sealedSecret()).doesNotContain(secret.substring(6));

		GraphQlResponse listed = staff().document("dataSystems", "first", 100);
		assertThat(listed.path("data.dataSystems.edges").toString()).contains(name).doesNotContain(secret.substring(6));

		long before = mongo.count(new Query(), DataSystem.class);
		GraphQlResponse bad = admin.document("registerDataSystem", "name", " ", "endpoint", "ftp://files.example.com/x",
				"handles", List.of(), "hours", 0);
		assertThat(bad.path("data.registerDataSystem.userErrors").findValuesAsString("message")).hasSize(4);
		assertThat(bad.path("data.registerDataSystem.signingSecret").isNull()).isTrue();
		for (String refused : List.of("http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data", "not a url",
				"http://user:pw@127.0.0.1/x")) {
			GraphQlResponse answer = admin.document("registerDataSystem", "name", "x " + UUID.randomUUID(), "endpoint",
					refused, "handles", List.of("ACCESS"));
			assertThat(answer.userErrorCodes("data.registerDataSystem")).as(refused).containsExactly("INVALID");
			assertThat(answer.path("data.registerDataSystem.userErrors.0.field").toString()).contains("endpoint");
		}
		assertThat(admin.document("registerDataSystem", "name", name, "endpoint", crm.endpoint(), "handles",
				List.of("ACCESS")).userErrorCodes("data.registerDataSystem")).containsExactly("CONFLICT");
		assertThat(mongo.count(new Query(), DataSystem.class)).isEqualTo(before);

		assertThat(staff().document("registerDataSystem", "name", "y", "endpoint", crm.endpoint(), "handles",
				List.of("ACCESS")).errorClassifications()).containsExactly("FORBIDDEN");
		assertThat(newSubject().document("rotateDataSystemSecret", "id", id).errorClassifications())
			.containsExactly("FORBIDDEN");

		String rotated = admin.document("rotateDataSystemSecret", "id", id).text("data.rotateDataSystemSecret.signingSecret");
		assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
		GraphQlResponse renamed = admin.document("updateDataSystem", "id", id, "endpoint", "https://10.0.0.1/");
		assertThat(renamed.userErrorCodes("data.updateDataSystem")).containsExactly("INVALID");
		assertThat(mongo.findById(id, DataSystem.class).endpoint()).isEqualTo(crm.endpoint());
		assertThat(admin.document("updateDataSystem", "id", "nope").errorClassifications()).containsExactly("NOT_FOUND");
	}

	@Test
	void anExportWaitsForEveryAccessSystemAndCarriesTheirAnswers() throws IOException {
		FakeDataSystem crm = fake(Reply.answer("{\"customerNo\": \"C-42\", \"tags\": [\"gold\"]}"));
		FakeDataSystem billing = fake(Reply.accepted());
		String crmName = register(crm, "ACCESS");
		String billingName = register(billing, "ACCESS");
		PortalClient subject = newSubject();
		String subjectId = subject.document("me").text("data.me.id");

		String exportId = subject.document("requestDataExport", "format", "ZIP").text("data.requestDataExport.export.id");
		Received webhook = awaitWebhooks(billing, 1).get(0);
		awaitWebhooks(crm, 1);
		assertThat(webhook.signedCorrectly()).isTrue();
		assertThat(webhook.body().path("type").asString()).isEqualTo("access.requested");
		assertThat(webhook.body().path("subject").path("id").asString()).isEqualTo(subjectId);
		assertThat(webhook.body().path("subject").path("email").asString()).endsWith("@example.com");
		assertThat(webhook.body().path("requestId").asString()).isEqualTo(exportId);
		await().until(() -> taskStatuses(subject, exportId).equals(Map.of(crmName, "COMPLETED", billingName, "DELIVERED")));
		clock.advance(Duration.ofSeconds(1));
		assertThat(export(subject, exportId).path("status").asString()).isIn("PENDING", "RUNNING");

		assertThat(billing.callBack(webhook.body(), "{\"invoices\": 3}")).isEqualTo(200);
		assertThat(billing.callBack(webhook.body(), "{\"invoices\": 99}")).as("a second result").isEqualTo(409);
		clock.advance(Duration.ofSeconds(1));
		JsonNode ready = awaitExport(subject, exportId, "READY");
		assertThat(ready.path("systemTasks").findValuesAsString("status")).containsOnly("COMPLETED");
		assertThat(ready.path("systemTasks").findValues("endpoint")).allSatisfy(e -> assertThat(e.isNull()).isTrue());
		assertThat(ready.path("systemTasks").findValues("lastDeliveryAt")).allSatisfy(e -> assertThat(e.isNull()).isTrue());

		Map<String, String> zip = unzip(download(ready.path("downloadUrl").asString()));
		JsonNode sections = JsonMapper.shared().readTree(zip.get("data.json")).path("sections");
		String crmKey = "system-" + systemId(crmName);
		String billingKey = "system-" + systemId(billingName);
		assertThat(sections.path(crmKey).toString())
			.isEqualTo("[{\"field\":\"customerNo\",\"value\":\"C-42\"},{\"field\":\"tags\",\"value\":\"[\\\"gold\\\"]\"}]");
		assertThat(sections.path(billingKey).toString()).isEqualTo("[{\"field\":\"invoices\",\"value\":\"3\"}]");
		assertThat(zip.get(crmKey + ".csv")).isEqualTo("Field,Value\r\ncustomerNo,C-42\r\ntags,\"[\"\"gold\"\"]\"\r\n");
		assertThat(zip.get("report.html")).contains("Held by " + crmName, "Held by " + billingName, "C-42");
		assertThat(actions(subjectId)).contains("system-task.created", "system-task.delivered", "system-task.answered");
	}

	@Test
	void aFailingSystemIsRetriedWithBackoffUntilItAnswers() {
		FakeDataSystem flaky = fake(Reply.answer("{\"visits\": 7}"));
		flaky.then(Reply.failing(), Reply.failing(), Reply.failing());
		String name = register(flaky, "ACCESS");
		PortalClient subject = newSubject();
		String exportId = subject.document("requestDataExport", "format", "JSON").text("data.requestDataExport.export.id");
		awaitWebhooks(flaky, 1);
		await().until(() -> task(exportId).attempts() == 1 && task(exportId).claim() == null);
		assertThat(task(exportId).lastFailure()).isEqualTo("HTTP 500");
		assertThat(staff().document("dataSystems", "first", 100).path("data.dataSystems.edges").toString())
			.contains("HTTP 500");
		delivery.deliverDue();
		assertThat(flaky.received()).as("not before its backoff").hasSize(1);
		for (int attempt = 2; attempt <= 4; attempt++) {
			clock.advance(Duration.ofHours(1));
			delivery.deliverDue();
			assertThat(flaky.received()).hasSize(attempt);
		}
		SystemTask answered = task(exportId);
		assertThat(answered.status()).isEqualTo(SystemTaskStatus.COMPLETED);
		assertThat(answered.attempts()).isEqualTo(4);
		assertThat(flaky.received()).extracting(r -> r.id()).doesNotHaveDuplicates();
		assertThat(flaky.received()).allSatisfy(r -> assertThat(r.signedCorrectly()).isTrue());
		clock.advance(Duration.ofSeconds(1));
		assertThat(taskStatuses(subject, exportId)).isEqualTo(Map.of(name, "COMPLETED"));
		awaitExport(subject, exportId, "READY");
	}

	@Test
	void aSystemThatNeverAnswersIsNamedInTheExportOnceItsTimeIsUp() throws IOException {
		FakeDataSystem silent = fake(Reply.accepted());
		String name = register(silent, "ACCESS", 1);
		PortalClient subject = newSubject();
		String exportId = subject.document("requestDataExport", "format", "JSON").text("data.requestDataExport.export.id");
		Received webhook = awaitWebhooks(silent, 1).get(0);
		await().until(() -> task(exportId).status() == SystemTaskStatus.DELIVERED);
		clock.advance(Duration.ofMinutes(30));
		assertThat(export(subject, exportId).path("status").asString()).isIn("PENDING", "RUNNING");

		clock.advance(Duration.ofMinutes(31));
		JsonNode ready = awaitExport(subject, exportId, "READY");
		assertThat(taskStatuses(subject, exportId)).isEqualTo(Map.of(name, "TIMED_OUT"));
		JsonNode data = JsonMapper.shared().readTree(download(ready.path("downloadUrl").asString()));
		assertThat(data.path("sections").path("system-" + systemId(name)).toString())
			.isEqualTo("[{\"field\":\"answer\",\"value\":\"" + name + " did not answer in time\"}]");
		assertThat(silent.callBack(webhook.body(), "{\"late\": true}", "msg_late", clock.instant().getEpochSecond(),
				silent.secretForTests())).as("too late").isEqualTo(409);
		assertThat(task(exportId).result()).isNull();
	}

	@Test
	void forgedStaleAndReplayedCallbacksAreRefused() {
		FakeDataSystem system = fake(Reply.accepted());
		String name = register(system, "ACCESS");
		PortalClient subject = newSubject();
		String exportId = subject.document("requestDataExport", "format", "JSON").text("data.requestDataExport.export.id");
		JsonNode webhook = awaitWebhooks(system, 1).get(0).body();
		String url = webhook.path("callbackUrl").asString();
		long now = clock.instant().getEpochSecond();
		String body = "{\"orders\": 2}";
		String forger = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);

		assertThat(system.callBack(webhook, body, "msg_forged", now, forger)).isEqualTo(401);
		String stale = "msg_stale";
		assertThat(FakeDataSystem.post(url, body, stale, Long.toString(now - 301), signed(system, stale, now - 301, body)))
			.isEqualTo(401);
		assertThat(FakeDataSystem.post(url, body, "msg_1", Long.toString(now), "v1,")).isEqualTo(401);
		assertThat(FakeDataSystem.post(url.replace(task(exportId).id(), UUID.randomUUID().toString()), body, "msg_2",
				Long.toString(now), signed(system, "msg_2", now, body))).as("unknown task").isEqualTo(401);
		assertThat(task(exportId).status()).isEqualTo(SystemTaskStatus.DELIVERED);

		String signature = signed(system, "msg_ok", now, body);
		assertThat(FakeDataSystem.post(url, body, "msg_ok", Long.toString(now), signature)).isEqualTo(200);
		assertThat(FakeDataSystem.post(url, body, "msg_ok", Long.toString(now), signature)).as("replayed").isEqualTo(409);
		SystemTask answered = task(exportId);
		assertThat(answered.status()).isEqualTo(SystemTaskStatus.COMPLETED);
		assertThat(answered.result()).isEqualTo("{\"orders\":2}");
		assertThat(answered.answerId()).isEqualTo("msg_ok");
		assertThat(taskStatuses(subject, exportId)).isEqualTo(Map.of(name, "COMPLETED"));
	}

	@Test
	void everyConsentChangeReachesTheConsentSystemsInOrder() {
		FakeDataSystem mailing = fake(Reply.answer("{}"));
		register(mailing, "CONSENT_CHANGE");
		FakeDataSystem other = fake(Reply.answer("{}"));
		register(other, "ACCESS");
		PortalClient subject = newSubject();
		String subjectId = subject.document("me").text("data.me.id");
		subject.query("mutation { updateConsents(input: {changes: [{purposeKey: \"company-marketing\", granted: false}]}) "
				+ "{ userErrors { code } } }");
		subject.header("Sec-GPC", "1").document("me");
		subject.query("mutation { updateConsents(input: {changes: [{purposeKey: \"company-marketing\", granted: true}]}) "
				+ "{ userErrors { code } } }");

		List<Received> received = awaitWebhooks(mailing, 4);
		List<JsonNode> changes = received.stream()
			.map(Received::body)
			.sorted((a, b) -> Long.compare(a.path("sequence").asLong(), b.path("sequence").asLong()))
			.toList();
		assertThat(changes).extracting(c -> c.path("type").asString()).containsOnly("consent.changed");
		assertThat(changes).extracting(c -> c.path("subject").path("id").asString()).containsOnly(subjectId);
		assertThat(changes).extracting(c -> c.path("purpose").asString() + "=" + c.path("granted").asBoolean() + " by "
				+ c.path("source").asString())
			.containsExactly("company-marketing=false by SUBJECT", "third-party-marketing=false by GLOBAL_PRIVACY_CONTROL",
					"advertising-cookies=false by GLOBAL_PRIVACY_CONTROL", "company-marketing=true by SUBJECT");
		assertThat(changes).extracting(c -> c.path("sequence").asLong()).doesNotHaveDuplicates();
		assertThat(received).allSatisfy(r -> assertThat(r.signedCorrectly()).isTrue());
		assertThat(other.received()).isEmpty();
	}

	private FakeDataSystem fake(Reply otherwise) {
		FakeDataSystem fake = new FakeDataSystem(otherwise);
		fakes.add(fake);
		return fake;
	}

	private String register(FakeDataSystem fake, String kind) {
		return register(fake, kind, 72);
	}

	private String register(FakeDataSystem fake, String kind, int hours) {
		return fake.register(admin(), kind, hours);
	}

	private String systemId(String name) {
		return mongo.findOne(Query.query(Criteria.where("name").is(name)), DataSystem.class).id();
	}

	private SystemTask task(String requestId) {
		return mongo.findOne(Query.query(Criteria.where("requestId").is(requestId)), SystemTask.class);
	}

	private static String signed(FakeDataSystem system, String id, long timestamp, String body) {
		return FakeDataSystem.sign(system.secretForTests(), id, timestamp, body);
	}

	private static List<Received> awaitWebhooks(FakeDataSystem system, int count) {
		await().until(() -> system.received().size() >= count);
		return system.received();
	}

	private static JsonNode export(PortalClient subject, String exportId) {
		for (JsonNode edge : subject.document("myExportSystems").path("data.me.exports.edges")) {
			if (edge.path("node").path("id").asString().equals(exportId)) {
				return edge.path("node");
			}
		}
		throw new AssertionError("No export " + exportId);
	}

	private static JsonNode awaitExport(PortalClient subject, String exportId, String status) {
		await().until(() -> status.equals(export(subject, exportId).path("status").asString()));
		return export(subject, exportId);
	}

	private static Map<String, String> taskStatuses(PortalClient subject, String exportId) {
		Map<String, String> statuses = new HashMap<>();
		export(subject, exportId).path("systemTasks")
			.forEach(task -> statuses.put(task.path("system").path("name").asString(), task.path("status").asString()));
		return statuses;
	}

	private List<String> actions(String subjectId) {
		return mongo.getCollection("audit_events")
			.find(new org.bson.Document("subjectId", subjectId))
			.map(event -> event.getString("action"))
			.into(new ArrayList<>());
	}

	private byte[] download(String path) {
		try {
			return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray()).body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> unzip(byte[] zip) throws IOException {
		Map<String, String> entries = new HashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return entries;
	}

}
