package org.privacyportal.deletion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.privacyportal.support.FakeDataSystem;
import org.privacyportal.support.FakeDataSystem.Received;
import org.privacyportal.support.FakeDataSystem.Reply;
import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A deletion completes only when the portal's erasure is done and every ERASURE system confirmed. */
class DeletionSystemTests extends PortalIntegrationTest {

	@Autowired
	DeletionWorker worker;

	private final List<FakeDataSystem> fakes = new ArrayList<>();

	@AfterEach
	void switchSystemsOff() {
		mongo.getCollection("data_systems").updateMany(new Document(), new Document("$set", new Document("enabled", false)));
		fakes.forEach(FakeDataSystem::close);
	}

	@Test
	void aDeletionCompletesOnceEverySystemConfirmedOrStaffCompletedItsTask() {
		FakeDataSystem crm = fake();
		FakeDataSystem warehouse = fake();
		String crmName = crm.register(admin(), "ERASURE", 72);
		String warehouseName = warehouse.register(admin(), "ERASURE", 72);
		PortalClient subject = newSubject();
		String subjectId = subject.document("me").text("data.me.id");
		String email = subject.document("me").text("data.me.profile.email");
		String requestId = subject.document("requestDeletion").text("data.requestDeletion.request.id");
		assertThat(tasks(requestId)).as("nothing goes out while the subject may still cancel").isEmpty();
		assertThat(subject.document("deletionSystems").path("data.me.deletionRequest.systemTasks")).isEmpty();
		clock.advance(Duration.ofDays(14));

		assertThat(worker.executeDue()).isZero();
		Received toCrm = awaitWebhook(crm);
		Received toWarehouse = awaitWebhook(warehouse);
		assertThat(toCrm.body().path("type").asString()).isEqualTo("erasure.requested");
		assertThat(toCrm.body().path("subject").path("email").asString()).isEqualTo(email);
		assertThat(toWarehouse.signedCorrectly()).isTrue();
		// the subject's own data is gone by now; staff follow the systems
		await().untilAsserted(() -> assertThat(statuses(subjectId))
			.isEqualTo(Map.of(crmName, "DELIVERED", warehouseName, "DELIVERED")));

		long now = clock.instant().getEpochSecond();
		assertThat(crm.callBack(toCrm.body(), "{\"erased\": true}", "msg_crm", now, crm.secretForTests())).isEqualTo(200);
		assertThat(worker.executeDue()).as("the warehouse has not confirmed").isZero();
		assertThat(status(requestId)).isEqualTo("PENDING");

		clock.advance(Duration.ofDays(4));
		JsonNode open = staffView(subjectId).path("systemTasks");
		String warehouseTask = null;
		for (JsonNode task : open) {
			if (task.path("system").path("name").asString().equals(warehouseName)) {
				assertThat(task.path("overdue").asBoolean()).isTrue();
				assertThat(task.path("system").path("endpoint").asString()).isEqualTo(warehouse.endpoint());
				warehouseTask = task.path("id").asString();
			}
		}
		PortalClient staff = staff();
		assertThat(staff.document("completeSystemTask", "taskId", warehouseTask, "note", " ")
			.userErrorCodes("data.completeSystemTask")).containsExactly("INVALID");
		assertThat(subject.document("completeSystemTask", "taskId", warehouseTask, "note", "done")
			.errorClassifications()).containsExactly("FORBIDDEN");
		GraphQlResponse completed = staff.document("completeSystemTask", "taskId", warehouseTask, "note",
				"Erased by hand in the warehouse console, ticket OPS-7");
		assertThat(completed.text("data.completeSystemTask.task.status")).isEqualTo("COMPLETED_BY_STAFF");
		assertThat(completed.path("data.completeSystemTask.task.overdue").asBoolean()).isFalse();
		assertThat(staff.document("completeSystemTask", "taskId", warehouseTask, "note", "again")
			.userErrorCodes("data.completeSystemTask")).containsExactly("CONFLICT");

		assertThat(worker.executeDue()).isEqualTo(1);
		assertThat(status(requestId)).isEqualTo("COMPLETED");
		assertThat(mongo.getCollection("system_tasks").find(new Document("requestId", requestId)))
			.allSatisfy(task -> assertThat(task).doesNotContainKey("email"));
		List<String> actions = mongo.getCollection("audit_events")
			.find(new Document("subjectId", subjectId))
			.map(event -> event.getString("action"))
			.into(new ArrayList<>());
		assertThat(actions).contains("system-task.delivered", "system-task.answered", "system-task.completed-by-staff",
				"deletion.completed");
	}

	@Test
	void aLegalHoldHoldsTheSystemsTasksToo() {
		FakeDataSystem crm = fake(Reply.answer("{\"erased\": true}"));
		crm.register(admin(), "ERASURE", 72);
		PortalClient subject = newSubject();
		String subjectId = subject.document("me").text("data.me.id");
		String requestId = subject.document("requestDeletion").text("data.requestDeletion.request.id");
		PortalClient staff = staff();
		staff.document("setLegalHold", "subjectId", subjectId, "hold", true, "reason", "Litigation 2026-17");
		clock.advance(Duration.ofDays(15));

		assertThat(worker.executeDue()).isZero();
		assertThat(tasks(requestId)).isEmpty();

		staff.document("setLegalHold", "subjectId", subjectId, "hold", false, "reason", "Settled");
		// completes now only if the system answered while the portal was erasing
		worker.executeDue();
		assertThat(tasks(requestId)).hasSize(1);
		assertThat(awaitWebhook(crm).body().path("requestId").asString()).isEqualTo(requestId);
		await().until(() -> "COMPLETED".equals(tasks(requestId).get(0).getString("status")));
		worker.executeDue();
		assertThat(status(requestId)).isEqualTo("COMPLETED");
	}

	private FakeDataSystem fake() {
		return fake(Reply.accepted());
	}

	private FakeDataSystem fake(Reply otherwise) {
		FakeDataSystem fake = new FakeDataSystem(otherwise);
		fakes.add(fake);
		return fake;
	}

	private List<Document> tasks(String requestId) {
		return mongo.getCollection("system_tasks").find(new Document("requestId", requestId)).into(new ArrayList<>());
	}

	private String status(String requestId) {
		return mongo.getCollection(DeletionRequest.COLLECTION).find(new Document("_id", requestId)).first().getString("status");
	}

	private JsonNode staffView(String subjectId) {
		return staff().document("subjectDeletionSystems", "filter", Map.of("subjectId", subjectId))
			.path("data.deletionRequests.edges.0.node");
	}

	private Map<String, String> statuses(String subjectId) {
		Map<String, String> statuses = new HashMap<>();
		staffView(subjectId).path("systemTasks")
			.forEach(task -> statuses.put(task.path("system").path("name").asString(), task.path("status").asString()));
		return statuses;
	}

	private static Received awaitWebhook(FakeDataSystem system) {
		await().until(() -> !system.received().isEmpty());
		return system.received().get(0);
	}

}
