package org.privacyportal.deletion;

import java.time.Duration;
import java.time.Instant;
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

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class DeletionRequestTests extends PortalIntegrationTest {

	private static final String REQUEST = "data.requestDeletion";

	private static final String CANCEL = "data.cancelDeletionRequest";

	@Autowired
	DeletionWorker worker;

	@Test
	void aRequestCoolsOffFor14DaysAndIsDueIn30() {
		PortalClient alice = newSubject();

		GraphQlResponse requested = alice.document("requestDeletion", "reason", "I no longer use the service");

		assertThat(requested.path(REQUEST + ".userErrors")).as(requested.rawBody()).isEmpty();
		JsonNode request = requested.path(REQUEST + ".request");
		Instant submittedAt = Instant.parse(request.path("submittedAt").asString());
		assertThat(request.path("status").asString()).isEqualTo("PENDING");
		assertThat(Instant.parse(request.path("scheduledFor").asString())).isEqualTo(submittedAt.plus(Duration.ofDays(14)));
		assertThat(Instant.parse(request.path("dueAt").asString())).isEqualTo(submittedAt.plus(Duration.ofDays(30)));
		assertThat(request.path("reason").asString()).isEqualTo("I no longer use the service");
		assertThat(request.path("blockedBy").isNull()).isTrue();
		GraphQlResponse mine = alice.document("myDeletion");
		assertThat(mine.text("data.me.deletionRequest.id")).isEqualTo(request.path("id").asString());
		assertThat(lastAudit(mine.text("data.me.id")).getString("action")).isEqualTo("deletion.requested");
		Document stored = mongo.getCollection("deletion_requests").find(new Document("_id", request.path("id").asString())).first();
		assertThat(stored.getList("outbox", Document.class)).extracting(mail -> mail.getString("template"))
			.containsExactly("deletion-requested");
	}

	@Test
	void aSubjectHasOneOpenRequestEvenWhenTwoArriveAtOnce() throws Exception {
		PortalClient alice = newSubject();
		alice.document("me");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<List<String>> codes = new ArrayList<>();
		try {
			List<Callable<GraphQlResponse>> calls = IntStream.range(0, 8)
				.<Callable<GraphQlResponse>>mapToObj(i -> () -> alice.document("requestDeletion"))
				.toList();
			for (Future<GraphQlResponse> call : pool.invokeAll(calls)) {
				codes.add(call.get().userErrorCodes(REQUEST));
			}
		}
		finally {
			pool.shutdown();
		}

		assertThat(codes).filteredOn(List::isEmpty).hasSize(1);
		assertThat(codes).filteredOn(c -> !c.isEmpty()).allSatisfy(c -> assertThat(c).containsExactly("LIMIT_REACHED"));
	}

	@Test
	void anOverlongReasonIsInvalidAndNothingIsOpened() {
		PortalClient alice = newSubject();

		GraphQlResponse response = alice.document("requestDeletion", "reason", "x".repeat(1001));

		assertThat(response.userErrorCodes(REQUEST)).containsExactly("INVALID");
		assertThat(response.path(REQUEST + ".userErrors.0.field").toString()).isEqualTo("[\"input\",\"reason\"]");
		assertThat(alice.document("myDeletion").path("data.me.deletionRequest").isNull()).isTrue();
	}

	@Test
	void theSubjectMayCancelWhileCoolingOffAndAskAgainAfter() {
		PortalClient alice = newSubject();
		String id = request(alice);
		clock.advance(Duration.ofDays(13));

		GraphQlResponse cancelled = alice.document("cancelDeletion", "id", id);
		GraphQlResponse again = alice.document("cancelDeletion", "id", id);

		assertThat(cancelled.path(CANCEL + ".userErrors")).isEmpty();
		assertThat(cancelled.text(CANCEL + ".request.status")).isEqualTo("CANCELLED");
		assertThat(cancelled.path(CANCEL + ".request.cancelledAt").isNull()).isFalse();
		assertThat(again.userErrorCodes(CANCEL)).containsExactly("CONFLICT");
		assertThat(alice.document("myDeletion").path("data.me.deletionRequest").isNull()).isTrue();
		clock.advance(Duration.ofDays(2));
		worker.executeDue();
		assertThat(status(id)).as("a cancelled request is never executed").isEqualTo("CANCELLED");
		assertThat(request(alice)).isNotEqualTo(id);
	}

	@Test
	void afterTheCoolingOffTheRequestCanNoLongerBeCancelled() {
		PortalClient alice = newSubject();
		String id = request(alice);
		clock.advance(Duration.ofDays(14));

		GraphQlResponse response = alice.document("cancelDeletion", "id", id);

		assertThat(response.userErrorCodes(CANCEL)).containsExactly("CONFLICT");
		assertThat(alice.document("myDeletion").text("data.me.deletionRequest.status")).isEqualTo("PENDING");
	}

	@Test
	void anotherSubjectsRequestIdIsNotFoundExactlyLikeAnUnknownOne() {
		String id = request(newSubject());
		PortalClient mallory = newSubject();

		GraphQlResponse others = mallory.document("cancelDeletion", "id", id);
		GraphQlResponse unknown = mallory.document("cancelDeletion", "id", UUID.randomUUID().toString());

		assertThat(others.errorClassifications()).containsExactly("NOT_FOUND");
		assertThat(others.body()).isEqualTo(unknown.body());
	}

	@Test
	void selfAndStaffOperationsAreForbiddenToTheOtherRole() {
		PortalClient alice = newSubject();
		String id = request(alice);

		assertThat(staff().document("requestDeletion").errorClassifications()).containsExactly("FORBIDDEN");
		assertThat(staff().document("cancelDeletion", "id", id).errorClassifications()).containsExactly("FORBIDDEN");
		assertThat(alice.document("deletionRequests").errorClassifications()).containsExactly("FORBIDDEN");
		assertThat(alice.document("extendDeadline", "requestId", id, "days", 5, "reason", "Busy").errorClassifications())
			.containsExactly("FORBIDDEN");
		assertThat(anonymous().document("requestDeletion").status()).isEqualTo(401);
		assertThat(alice.document("myDeletion").text("data.me.deletionRequest.status")).isEqualTo("PENDING");
	}

	@Test
	void theWorkerWaitsForTheEndOfTheCoolingOff() {
		PortalClient alice = newSubject();
		String id = request(alice);
		String subjectId = alice.document("me").text("data.me.id");

		clock.advance(Duration.ofDays(14).minusSeconds(1));
		worker.executeDue();
		assertThat(status(id)).isEqualTo("PENDING");
		clock.advance(Duration.ofSeconds(1));
		worker.executeDue();

		GraphQlResponse done = staff().document("deletionRequests", "filter", Map.of("subjectId", subjectId));
		assertThat(done.text("data.deletionRequests.edges.0.node.status")).isEqualTo("COMPLETED");
		assertThat(done.text("data.deletionRequests.edges.0.node.completedAt")).isNotEmpty();
		assertThat(lastAudit(subjectId).getString("action")).isEqualTo("deletion.completed");
		assertThat(lastAudit(subjectId).getString("actorType")).isEqualTo("SYSTEM");
	}

	@Test
	void twoWorkersAtOnceEraseEachSubjectOnce() throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			ids.add(request(newSubject()));
		}
		clock.advance(Duration.ofDays(14));
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Callable<Integer>> workers = List.of(worker::executeDue, worker::executeDue);
			for (Future<Integer> run : pool.invokeAll(workers)) {
				run.get();
			}
		}
		finally {
			pool.shutdown();
		}

		for (String id : ids) {
			assertThat(status(id)).isEqualTo("COMPLETED");
			assertThat(mongo.getCollection("audit_events")
				.countDocuments(new Document("targetId", id).append("action", "deletion.completed"))).isEqualTo(1);
		}
	}

	@Test
	void aLegalHoldDefersTheErasureUntilItIsReleased() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		staff().document("setLegalHold", "subjectId", subjectId, "hold", true, "reason", "Litigation 7");
		String id = request(alice);
		clock.advance(Duration.ofDays(15));

		worker.executeDue();
		worker.executeDue();

		assertThat(status(id)).isEqualTo("PENDING");
		GraphQlResponse forStaff = staff().document("subjectRequests", "id", subjectId);
		assertThat(forStaff.text("data.subject.deletionRequest.blockedBy")).isEqualTo("LEGAL_HOLD");
		assertThat(forStaff.path("data.subject.erasedAt").isNull()).isTrue();
		assertThat(forStaff.text("data.subject.profile.email")).isNotEmpty();
		assertThat(staff().document("deletionRequests", "filter", Map.of("subjectId", subjectId))
			.text("data.deletionRequests.edges.0.node.blockedBy")).isEqualTo("LEGAL_HOLD");
		GraphQlResponse forSelf = alice.document("myDeletion");
		assertThat(forSelf.text("data.me.deletionRequest.status")).isEqualTo("PENDING");
		assertThat(forSelf.path("data.me.deletionRequest.blockedBy").isNull()).as("a hold is not disclosed").isTrue();
		assertThat(mongo.getCollection("audit_events")
			.countDocuments(new Document("subjectId", subjectId).append("action", "deletion.deferred"))).isEqualTo(1);

		staff().document("setLegalHold", "subjectId", subjectId, "hold", false, "reason", "Settled");
		worker.executeDue();

		assertThat(status(id)).isEqualTo("COMPLETED");
		assertThat(staff().document("subjectRequests", "id", subjectId).path("data.subject.erasedAt").isNull()).isFalse();
	}

	@Test
	void noHoldCanBePlacedOnceTheErasureHasBegun() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		request(alice);
		clock.advance(Duration.ofDays(14));
		worker.executeDue();

		GraphQlResponse hold = staff().document("setLegalHold", "subjectId", subjectId, "hold", true, "reason", "Too late");

		assertThat(hold.userErrorCodes("data.setLegalHold")).containsExactly("CONFLICT");
		assertThat(hold.text("data.setLegalHold.userErrors.0.message")).contains("erased");
	}

	@Test
	void theQueueFiltersByStatusAndOverdueAndListsOldestDueFirst() {
		PortalClient held = newSubject();
		String heldId = held.document("me").text("data.me.id");
		staff().document("setLegalHold", "subjectId", heldId, "hold", true, "reason", "Investigation");
		String heldRequest = request(held);
		clock.advance(Duration.ofDays(1));
		PortalClient bob = newSubject();
		String bobRequest = request(bob);
		clock.advance(Duration.ofDays(29).plusSeconds(1));
		Map<String, Object> overdue = Map.of("subjectId", heldId, "overdue", true);

		List<String> overdueHeld = ids(staff().document("deletionRequests", "filter", overdue));
		List<String> overdueBob = ids(staff().document("deletionRequests", "filter",
				Map.of("subjectId", subjectOf(bobRequest), "overdue", true)));
		List<String> pendingHeld = ids(staff().document("deletionRequests", "filter",
				Map.of("subjectId", heldId, "status", List.of("PENDING", "IN_REVIEW"), "overdue", true)));
		List<String> cancelledHeld = ids(staff().document("deletionRequests", "filter",
				Map.of("subjectId", heldId, "status", List.of("CANCELLED"))));

		assertThat(overdueHeld).containsExactly(heldRequest);
		assertThat(overdueBob).isEmpty();
		assertThat(pendingHeld).containsExactly(heldRequest);
		assertThat(cancelledHeld).isEmpty();
		worker.executeDue();
		assertThat(status(bobRequest)).isEqualTo("COMPLETED");
		assertThat(ids(staff().document("deletionRequests", "filter",
				Map.of("subjectId", subjectOf(bobRequest), "status", List.of("COMPLETED"))))).containsExactly(bobRequest);
		clock.advance(Duration.ofDays(1));
		assertThat(ids(staff().document("deletionRequests", "filter",
				Map.of("subjectId", subjectOf(bobRequest), "overdue", true)))).as("a completed request is never overdue")
			.isEmpty();
	}

	@Test
	void theQueueListsOldestDueFirstAcrossPages() {
		PortalClient carol = newSubject();
		String first = request(carol);
		carol.document("cancelDeletion", "id", first);
		clock.advance(Duration.ofDays(1));
		String second = request(carol);
		carol.document("cancelDeletion", "id", second);
		clock.advance(Duration.ofDays(1));
		String third = request(carol);
		Map<String, Object> filter = Map.of("subjectId", subjectOf(third));

		GraphQlResponse page1 = staff().document("deletionRequests", "filter", filter, "first", 2);
		GraphQlResponse page2 = staff().document("deletionRequests", "filter", filter, "first", 2, "after",
				page1.text("data.deletionRequests.pageInfo.endCursor"));

		assertThat(ids(page1)).containsExactly(first, second);
		assertThat(ids(page2)).containsExactly(third);
		assertThat(page1.path("data.deletionRequests.totalCount").asInt()).isEqualTo(3);
		assertThat(page2.path("data.deletionRequests.pageInfo.hasNextPage").asBoolean()).isFalse();
		assertThat(ids(staff().document("deletionRequests", "filter", Map.of("subjectId", subjectOf(third), "status",
				List.of("CANCELLED"))))).containsExactly(first, second);
	}

	private String request(PortalClient subject) {
		GraphQlResponse response = subject.document("requestDeletion");
		assertThat(response.path(REQUEST + ".userErrors")).as(response.rawBody()).isEmpty();
		return response.text(REQUEST + ".request.id");
	}

	private String status(String requestId) {
		return mongo.getCollection("deletion_requests").find(new Document("_id", requestId)).first().getString("status");
	}

	private String subjectOf(String requestId) {
		return mongo.getCollection("deletion_requests").find(new Document("_id", requestId)).first().getString("subjectId");
	}

	private Document lastAudit(String subjectId) {
		return mongo.getCollection("audit_events")
			.find(new Document("subjectId", subjectId))
			.sort(new Document("seq", -1))
			.first();
	}

	private static List<String> ids(GraphQlResponse response) {
		assertThat(response.hasErrors()).as(response.rawBody()).isFalse();
		List<String> ids = new ArrayList<>();
		response.path("data.deletionRequests.edges").forEach(e -> ids.add(e.path("node").path("id").asString()));
		return ids;
	}

}
