package org.privacyportal.correction;

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
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class CorrectionRequestTests extends PortalIntegrationTest {

	private static final String SUBMIT = "data.submitCorrectionRequest";

	private static final String REVIEW = "data.reviewCorrectionRequest";

	@Autowired
	CorrectionService corrections;

	@Test
	void aSubmittedRequestCapturesTheCurrentValueAndIsDueIn30Days() {
		PortalClient alice = newSubject();
		String email = alice.document("me").text("data.me.profile.email");

		GraphQlResponse submitted = alice.document("submitCorrection", "field", "EMAIL", "proposedValue",
				"  alice.new@example.org ", "reason", "I changed jobs");

		assertThat(submitted.path(SUBMIT + ".userErrors")).as(submitted.rawBody()).isEmpty();
		JsonNode request = submitted.path(SUBMIT + ".request");
		assertThat(request.path("field").asString()).isEqualTo("EMAIL");
		assertThat(request.path("currentValue").asString()).isEqualTo(email);
		assertThat(request.path("proposedValue").asString()).isEqualTo("alice.new@example.org");
		assertThat(request.path("reason").asString()).isEqualTo("I changed jobs");
		assertThat(request.path("status").asString()).isEqualTo("PENDING");
		assertThat(request.path("decidedAt").isNull()).isTrue();
		Instant submittedAt = Instant.parse(request.path("submittedAt").asString());
		assertThat(Instant.parse(request.path("dueAt").asString())).isEqualTo(submittedAt.plus(Duration.ofDays(30)));
		GraphQlResponse mine = alice.document("myCorrections");
		assertThat(mine.path("data.me.correctionRequests.totalCount").asInt()).isEqualTo(1);
		assertThat(mine.text("data.me.correctionRequests.edges.0.node.id")).isEqualTo(request.path("id").asString());
		assertThat(mine.text("data.me.profile.email")).as("nothing changes before a decision").isEqualTo(email);
		assertThat(lastAudit(request.path("subjectId").asString()).getString("action")).isEqualTo("correction.submitted");
	}

	@Test
	void valuesAreStoredInTheirNormalForm() {
		PortalClient alice = newSubject();

		GraphQlResponse phone = alice.document("submitCorrection", "field", "PHONE", "proposedValue", "+41 44-668 18 00");
		GraphQlResponse address = alice.document("submitCorrection", "field", "POSTAL_ADDRESS", "proposedValue",
				"{\"country\": \" CH \", \"city\": \"Zurich\", \"line2\": \"  \", \"line1\": \"Main Street 1\", \"postalCode\": \"8001\"}");
		GraphQlResponse organization = alice.document("submitCorrection", "field", "ORGANIZATION", "proposedValue",
				"  Example AG ");

		assertThat(phone.text(SUBMIT + ".request.proposedValue")).isEqualTo("+41446681800");
		assertThat(address.text(SUBMIT + ".request.proposedValue"))
			.isEqualTo("{\"line1\":\"Main Street 1\",\"city\":\"Zurich\",\"postalCode\":\"8001\",\"country\":\"CH\"}");
		assertThat(organization.text(SUBMIT + ".request.proposedValue")).isEqualTo("Example AG");
		assertThat(phone.path(SUBMIT + ".request.currentValue").isNull()).isTrue();
	}

	static Stream<Arguments> invalidValues() {
		String address = "{\"line1\": \"Main Street 1\", \"city\": \"Zurich\", \"country\": \"CH\"";
		return Stream.of(Arguments.of("EMAIL", "not-an-email", "proposedValue"),
				Arguments.of("EMAIL", "alice@localhost", "proposedValue"),
				Arguments.of("EMAIL", "alice smith@example.com", "proposedValue"),
				Arguments.of("EMAIL", "@example.com", "proposedValue"),
				Arguments.of("EMAIL", "a".repeat(65) + "@example.com", "proposedValue"),
				Arguments.of("EMAIL", "a".repeat(64) + "@" + ("b".repeat(60) + ".").repeat(4) + "com", "proposedValue"),
				Arguments.of("PHONE", "044 668 18 00", "proposedValue"),
				Arguments.of("PHONE", "+41 44", "proposedValue"),
				Arguments.of("PHONE", "+1234 5678 9012 3456", "proposedValue"),
				Arguments.of("PHONE", "+41 (44) 668 18 00", "proposedValue"),
				Arguments.of("PHONE", "+41--44 668 18 00", "proposedValue"),
				Arguments.of("PHONE", "+0 44 668 18 00", "proposedValue"),
				Arguments.of("POSTAL_ADDRESS", "Main Street 1, Zurich", "proposedValue"),
				Arguments.of("POSTAL_ADDRESS", "[\"Main Street 1\"]", "proposedValue"),
				Arguments.of("POSTAL_ADDRESS", "{\"line1\": \"Main Street 1\", \"city\": \"Zurich\"}", "country"),
				Arguments.of("POSTAL_ADDRESS", address + ", \"planet\": \"Mars\"}", "planet"),
				Arguments.of("POSTAL_ADDRESS", "{\"line1\": 1, \"city\": \"Zurich\", \"country\": \"CH\"}", "line1"),
				Arguments.of("POSTAL_ADDRESS", address + ", \"postalCode\": \"" + "9".repeat(21) + "\"}", "postalCode"),
				Arguments.of("POSTAL_ADDRESS", "{\"line1\": \"  \", \"city\": \"Zurich\", \"country\": \"CH\"}", "line1"),
				Arguments.of("FULL_NAME", "   ", "proposedValue"),
				Arguments.of("FULL_NAME", "x".repeat(201), "proposedValue"),
				Arguments.of("FULL_NAME", "Alice\u0007Example", "proposedValue"),
				Arguments.of("ORGANIZATION", "x".repeat(201), "proposedValue"),
				Arguments.of("ORGANIZATION", "x".repeat(2001), "proposedValue"));
	}

	@ParameterizedTest(name = "{0} \"{1}\" is invalid at {2}")
	@MethodSource("invalidValues")
	void anInvalidValueIsAnInvalidUserErrorNamingTheFieldAndNothingIsStored(String field, String value, String at) {
		PortalClient alice = newSubject();

		GraphQlResponse response = alice.document("submitCorrection", "field", field, "proposedValue", value);

		assertThat(response.hasErrors()).as(response.rawBody()).isFalse();
		assertThat(response.userErrorCodes(SUBMIT)).containsExactly("INVALID");
		List<String> path = new ArrayList<>();
		response.path(SUBMIT + ".userErrors.0.field").forEach(part -> path.add(part.asString()));
		assertThat(path).startsWith("input", "proposedValue").endsWith(at);
		assertThat(response.path(SUBMIT + ".request").isNull()).isTrue();
		assertThat(alice.document("myCorrections").path("data.me.correctionRequests.totalCount").asInt()).isZero();
	}

	@Test
	void anOverlongReasonIsInvalid() {
		PortalClient alice = newSubject();

		GraphQlResponse response = alice.document("submitCorrection", "field", "FULL_NAME", "proposedValue", "Alice",
				"reason", "x".repeat(1001));

		assertThat(response.userErrorCodes(SUBMIT)).containsExactly("INVALID");
		assertThat(response.path(SUBMIT + ".userErrors.0.field").toString()).isEqualTo("[\"input\",\"reason\"]");
	}

	@Test
	void theValueAlreadyHeldIsInvalid() {
		PortalClient alice = newSubject();
		String name = alice.document("me").text("data.me.profile.fullName");

		GraphQlResponse response = alice.document("submitCorrection", "field", "FULL_NAME", "proposedValue", name);

		assertThat(response.userErrorCodes(SUBMIT)).containsExactly("INVALID");
	}

	@Test
	void aSubjectHasOnePendingRequestPerField() {
		PortalClient alice = newSubject();
		String first = submit(alice, "FULL_NAME", "Alice One");

		GraphQlResponse second = alice.document("submitCorrection", "field", "FULL_NAME", "proposedValue", "Alice Two");
		GraphQlResponse otherField = alice.document("submitCorrection", "field", "ORGANIZATION", "proposedValue", "ACME");

		assertThat(second.userErrorCodes(SUBMIT)).containsExactly("LIMIT_REACHED");
		assertThat(second.path(SUBMIT + ".userErrors.0.field").toString()).isEqualTo("[\"input\",\"field\"]");
		assertThat(otherField.path(SUBMIT + ".userErrors")).isEmpty();
		alice.document("cancelCorrection", "id", first);
		assertThat(alice.document("submitCorrection", "field", "FULL_NAME", "proposedValue", "Alice Two")
			.path(SUBMIT + ".userErrors")).isEmpty();
	}

	@Test
	void concurrentSubmissionsForOneFieldOpenOneRequest() throws Exception {
		PortalClient alice = newSubject();
		alice.document("me");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<String> codes = new ArrayList<>();
		try {
			List<Callable<GraphQlResponse>> calls = IntStream.range(0, 8)
				.<Callable<GraphQlResponse>>mapToObj(i -> () -> alice.document("submitCorrection", "field", "PHONE",
						"proposedValue", "+41 44 668 18 0" + i))
				.toList();
			for (Future<GraphQlResponse> call : pool.invokeAll(calls)) {
				codes.add(call.get().userErrorCodes(SUBMIT).isEmpty() ? "OK" : call.get().userErrorCodes(SUBMIT).get(0));
			}
		}
		finally {
			pool.shutdown();
		}

		assertThat(codes).containsOnly("OK", "LIMIT_REACHED").filteredOn("OK"::equals).hasSize(1);
		assertThat(alice.document("myCorrections").path("data.me.correctionRequests.totalCount").asInt()).isEqualTo(1);
	}

	@Test
	void theSubjectCancelsAPendingRequestOnce() {
		PortalClient alice = newSubject();
		String id = submit(alice, "ORGANIZATION", "ACME");

		GraphQlResponse cancelled = alice.document("cancelCorrection", "id", id);
		GraphQlResponse again = alice.document("cancelCorrection", "id", id);

		assertThat(cancelled.path("data.cancelCorrectionRequest.userErrors")).isEmpty();
		assertThat(cancelled.text("data.cancelCorrectionRequest.request.status")).isEqualTo("CANCELLED");
		assertThat(again.userErrorCodes("data.cancelCorrectionRequest")).containsExactly("CONFLICT");
		assertThat(again.path("data.cancelCorrectionRequest.request").isNull()).isTrue();
		assertThat(staff().document("reviewCorrection", "id", id, "decision", "APPROVE").userErrorCodes(REVIEW))
			.containsExactly("CONFLICT");
	}

	@Test
	void anotherSubjectsRequestIdIsNotFoundExactlyLikeAnUnknownOne() {
		String id = submit(newSubject(), "ORGANIZATION", "ACME");
		PortalClient mallory = newSubject();

		GraphQlResponse others = mallory.document("cancelCorrection", "id", id);
		GraphQlResponse unknown = mallory.document("cancelCorrection", "id", UUID.randomUUID().toString());

		assertThat(others.errorClassifications()).containsExactly("NOT_FOUND");
		assertThat(others.body()).isEqualTo(unknown.body());
		assertThat(staff().document("correctionRequests", "filter", Map.of("status", List.of("PENDING"), "subjectId",
				subjectOf(id)))
			.text("data.correctionRequests.edges.0.node.id")).isEqualTo(id);
	}

	@Test
	void selfAndStaffOperationsAreForbiddenToTheOtherRole() {
		PortalClient alice = newSubject();
		String id = submit(alice, "ORGANIZATION", "ACME");

		assertThat(staff().document("submitCorrection", "field", "FULL_NAME", "proposedValue", "X").errorClassifications())
			.containsExactly("FORBIDDEN");
		assertThat(staff().document("cancelCorrection", "id", id).errorClassifications()).containsExactly("FORBIDDEN");
		assertThat(alice.document("reviewCorrection", "id", id, "decision", "APPROVE").errorClassifications())
			.containsExactly("FORBIDDEN");
		GraphQlResponse queue = alice.document("correctionRequests");
		assertThat(queue.errorClassifications()).containsExactly("FORBIDDEN");
		assertThat(queue.path("data").isNull() || queue.path("data.correctionRequests").isNull()).isTrue();
		assertThat(anonymous().document("correctionRequests").status()).isEqualTo(401);
		assertThat(alice.document("myCorrections").text("data.me.correctionRequests.edges.0.node.status"))
			.isEqualTo("PENDING");
	}

	@Test
	void approvingChangesTheProfileAndRecordsBothValues() {
		PortalClient alice = newSubject();
		String oldEmail = alice.document("me").text("data.me.profile.email");
		String id = submit(alice, "EMAIL", "Alice.New@Example.org");
		String staffSub = "staff-" + UUID.randomUUID();

		GraphQlResponse approved = as(staffSub, List.of("privacy.staff"), null, null).document("reviewCorrection", "id", id,
				"decision", "APPROVE", "note", "Updated as asked");

		assertThat(approved.path(REVIEW + ".userErrors")).as(approved.rawBody()).isEmpty();
		assertThat(approved.text(REVIEW + ".request.status")).isEqualTo("APPROVED");
		assertThat(approved.path(REVIEW + ".request.decidedAt").isNull()).isFalse();
		GraphQlResponse mine = alice.document("myCorrections");
		assertThat(mine.text("data.me.profile.email")).isEqualTo("Alice.New@Example.org");
		assertThat(mine.text("data.me.correctionRequests.edges.0.node.decisionNote")).isEqualTo("Updated as asked");
		assertThat(staff().document("subjects", "filter", Map.of("email", "alice.new@example.org")).rawBody())
			.contains(mine.text("data.me.id"));
		Document event = lastAudit(mine.text("data.me.id"));
		assertThat(event.getString("action")).isEqualTo("correction.approved");
		assertThat(event.getString("actor")).isEqualTo(staffSub);
		assertThat(event.getString("actorType")).isEqualTo("STAFF");
		assertThat(event.get("details", Document.class)).containsEntry("before", oldEmail)
			.containsEntry("after", "Alice.New@Example.org")
			.containsEntry("field", "EMAIL");
	}

	@Test
	void approvingAnAddressOrPhoneWritesTheStructuredProfile() {
		PortalClient alice = newSubject();
		String address = submit(alice, "POSTAL_ADDRESS",
				"{\"line1\": \"Main Street 1\", \"city\": \"Zurich\", \"country\": \"CH\"}");
		String phone = submit(alice, "PHONE", "+41 44 668 18 00");

		staff().document("reviewCorrection", "id", address, "decision", "APPROVE");
		staff().document("reviewCorrection", "id", phone, "decision", "APPROVE");

		GraphQlResponse me = alice.document("myCorrections");
		assertThat(me.text("data.me.profile.postalAddress.line1")).isEqualTo("Main Street 1");
		assertThat(me.text("data.me.profile.postalAddress.city")).isEqualTo("Zurich");
		assertThat(me.text("data.me.profile.postalAddress.country")).isEqualTo("CH");
		assertThat(me.path("data.me.profile.postalAddress.line2").isNull()).isTrue();
		assertThat(me.text("data.me.profile.phone")).isEqualTo("+41446681800");
		clock.advance(Duration.ofMinutes(1));
		submit(alice, "POSTAL_ADDRESS", "{\"line1\": \"Side Street 2\", \"city\": \"Bern\", \"country\": \"CH\"}");
		assertThat(alice.document("myCorrections").text("data.me.correctionRequests.edges.0.node.currentValue"))
			.as("the address held is shown in the same text form")
			.isEqualTo("{\"line1\":\"Main Street 1\",\"city\":\"Zurich\",\"country\":\"CH\"}");
	}

	@Test
	void rejectingNeedsANoteWhichTheSubjectSees() {
		PortalClient alice = newSubject();
		String name = alice.document("me").text("data.me.profile.fullName");
		String id = submit(alice, "FULL_NAME", "Alicia");

		GraphQlResponse withoutNote = staff().document("reviewCorrection", "id", id, "decision", "REJECT", "note", "  ");
		GraphQlResponse tooLong = staff().document("reviewCorrection", "id", id, "decision", "REJECT", "note",
				"x".repeat(1001));
		GraphQlResponse rejected = staff().document("reviewCorrection", "id", id, "decision", "REJECT", "note",
				"Your passport says Alice");

		assertThat(withoutNote.userErrorCodes(REVIEW)).containsExactly("INVALID");
		assertThat(withoutNote.path(REVIEW + ".userErrors.0.field").toString()).isEqualTo("[\"input\",\"note\"]");
		assertThat(tooLong.userErrorCodes(REVIEW)).containsExactly("INVALID");
		assertThat(rejected.text(REVIEW + ".request.status")).isEqualTo("REJECTED");
		GraphQlResponse mine = alice.document("myCorrections");
		assertThat(mine.text("data.me.correctionRequests.edges.0.node.decisionNote")).isEqualTo("Your passport says Alice");
		assertThat(mine.text("data.me.profile.fullName")).isEqualTo(name);
		assertThat(lastAudit(mine.text("data.me.id")).getString("action")).isEqualTo("correction.rejected");
	}

	@Test
	void aDecidedRequestCannotBeDecidedAgain() {
		String id = submit(newSubject(), "ORGANIZATION", "ACME");
		staff().document("reviewCorrection", "id", id, "decision", "REJECT", "note", "No such company");

		GraphQlResponse approve = staff().document("reviewCorrection", "id", id, "decision", "APPROVE");
		GraphQlResponse reject = staff().document("reviewCorrection", "id", id, "decision", "REJECT", "note", "Again");

		assertThat(approve.userErrorCodes(REVIEW)).containsExactly("CONFLICT");
		assertThat(reject.userErrorCodes(REVIEW)).containsExactly("CONFLICT");
		assertThat(approve.path(REVIEW + ".request").isNull()).isTrue();
	}

	@Test
	void concurrentDecisionsLeaveOneWinner() throws Exception {
		PortalClient alice = newSubject();
		String id = submit(alice, "ORGANIZATION", "ACME");
		ExecutorService pool = Executors.newFixedThreadPool(6);
		List<String> outcomes = new ArrayList<>();
		try {
			List<Callable<GraphQlResponse>> calls = IntStream.range(0, 6)
				.<Callable<GraphQlResponse>>mapToObj(i -> () -> staff().document("reviewCorrection", "id", id, "decision",
						i % 2 == 0 ? "APPROVE" : "REJECT", "note", "decision " + i))
				.toList();
			for (Future<GraphQlResponse> call : pool.invokeAll(calls)) {
				GraphQlResponse response = call.get();
				outcomes.add(response.userErrorCodes(REVIEW).isEmpty() ? response.text(REVIEW + ".request.status")
						: response.userErrorCodes(REVIEW).get(0));
			}
		}
		finally {
			pool.shutdown();
		}

		assertThat(outcomes).filteredOn(o -> !o.equals("CONFLICT")).hasSize(1);
		String winner = outcomes.stream().filter(o -> !o.equals("CONFLICT")).findFirst().orElseThrow();
		JsonNode organization = alice.document("myCorrections").path("data.me.profile.organization");
		if (winner.equals("APPROVED")) {
			assertThat(organization.asString()).isEqualTo("ACME");
		}
		else {
			assertThat(organization.isNull()).isTrue();
		}
	}

	@Test
	void reviewingAnUnknownRequestIsNotFound() {
		GraphQlResponse response = staff().document("reviewCorrection", "id", UUID.randomUUID().toString(), "decision",
				"APPROVE");

		assertThat(response.errorClassifications()).containsExactly("NOT_FOUND");
	}

	@Test
	void theQueueFiltersByStatusAndListsOldestDueFirstAcrossPages() {
		PortalClient alice = newSubject();
		String first = submit(alice, "FULL_NAME", "Alice A");
		clock.advance(Duration.ofHours(1));
		String second = submit(alice, "ORGANIZATION", "ACME");
		clock.advance(Duration.ofHours(1));
		String third = submit(alice, "PHONE", "+41 44 668 18 00");
		staff().document("reviewCorrection", "id", second, "decision", "REJECT", "note", "No");
		String subjectId = subjectOf(first);

		List<String> all = new ArrayList<>();
		String after = null;
		do {
			Map<String, Object> filter = Map.of("subjectId", subjectId);
			GraphQlResponse page = after == null ? staff().document("correctionRequests", "filter", filter, "first", 2)
					: staff().document("correctionRequests", "filter", filter, "first", 2, "after", after);
			assertThat(page.path("data.correctionRequests.totalCount").asInt()).isEqualTo(3);
			page.path("data.correctionRequests.edges").forEach(e -> all.add(e.path("node").path("id").asString()));
			after = page.path("data.correctionRequests.pageInfo.hasNextPage").asBoolean()
					? page.text("data.correctionRequests.pageInfo.endCursor") : null;
		}
		while (after != null);
		GraphQlResponse pending = staff().document("correctionRequests", "filter",
				Map.of("subjectId", subjectId, "status", List.of("PENDING", "IN_REVIEW")));
		GraphQlResponse rejected = staff().document("correctionRequests", "filter",
				Map.of("subjectId", subjectId, "status", List.of("REJECTED")));

		assertThat(all).containsExactly(first, second, third);
		assertThat(ids(pending, "correctionRequests")).containsExactly(first, third);
		assertThat(ids(rejected, "correctionRequests")).containsExactly(second);
	}

	@Test
	void theWholePendingQueuePagesWithoutGapsOrDuplicatesThroughRequestsDueAtTheSameInstant() {
		List<String> submitted = new ArrayList<>();
		for (PortalClient subject : List.of(newSubject(), newSubject())) {
			submitted.add(submit(subject, "FULL_NAME", "Alice A"));
			submitted.add(submit(subject, "ORGANIZATION", "ACME"));
			submitted.add(submit(subject, "PHONE", "+41 44 668 18 00"));
		}
		// the clock stands still: all six are due at the same instant, and pages of 4 split them
		Map<String, Object> pending = Map.of("status", List.of("PENDING"));

		List<String> walked = new ArrayList<>();
		List<Instant> dueAt = new ArrayList<>();
		GraphQlResponse page = staff().document("correctionRequests", "filter", pending, "first", 4);
		int totalCount = page.path("data.correctionRequests.totalCount").asInt();
		while (true) {
			assertThat(page.hasErrors()).as(page.rawBody()).isFalse();
			page.path("data.correctionRequests.edges").forEach(edge -> {
				walked.add(edge.path("node").path("id").asString());
				dueAt.add(Instant.parse(edge.path("node").path("dueAt").asString()));
			});
			if (!page.path("data.correctionRequests.pageInfo.hasNextPage").asBoolean()) {
				break;
			}
			page = staff().document("correctionRequests", "filter", pending, "first", 4, "after",
					page.text("data.correctionRequests.pageInfo.endCursor"));
		}

		assertThat(walked).doesNotHaveDuplicates().containsAll(submitted).hasSize(totalCount);
		assertThat(dueAt).isSorted();
	}

	@Test
	void theOverdueFilterFollowsTheClock() {
		PortalClient alice = newSubject();
		String old = submit(alice, "FULL_NAME", "Alice Old");
		String decided = submit(alice, "PHONE", "+41 44 668 18 00");
		staff().document("reviewCorrection", "id", decided, "decision", "REJECT", "note", "No");
		clock.advance(Duration.ofDays(20));
		String recent = submit(alice, "ORGANIZATION", "ACME");
		String subjectId = subjectOf(old);
		Map<String, Object> overdue = Map.of("subjectId", subjectId, "overdue", true);
		Map<String, Object> notOverdue = Map.of("subjectId", subjectId, "overdue", false);

		assertThat(ids(staff().document("correctionRequests", "filter", overdue), "correctionRequests")).isEmpty();
		clock.advance(Duration.ofDays(10).plusSeconds(1));
		assertThat(ids(staff().document("correctionRequests", "filter", overdue), "correctionRequests"))
			.containsExactly(old);
		assertThat(ids(staff().document("correctionRequests", "filter", notOverdue), "correctionRequests"))
			.containsExactlyInAnyOrder(decided, recent);
		clock.advance(Duration.ofDays(20));
		assertThat(ids(staff().document("correctionRequests", "filter", overdue), "correctionRequests"))
			.containsExactly(old, recent);
	}

	@Test
	void anApprovalInterruptedBeforeTheProfileChangeIsFinishedBySweep() {
		PortalClient alice = newSubject();
		String id = submit(alice, "ORGANIZATION", "ACME");
		// what a crash right after the decision leaves behind: approved, profile unchanged
		mongo.getCollection("correction_requests")
			.updateOne(new Document("_id", id), new Document("$set", new Document("status", "APPROVED")
				.append("decidedAt", java.util.Date.from(clock.instant()))
				.append("openKey", id)));

		corrections.applyInterruptedApprovals();
		assertThat(alice.document("myCorrections").path("data.me.profile.organization").isNull())
			.as("an approval still in flight is left alone")
			.isTrue();
		clock.advance(Duration.ofMinutes(2));
		corrections.applyInterruptedApprovals();
		corrections.applyInterruptedApprovals();

		GraphQlResponse me = alice.document("myCorrections");
		assertThat(me.text("data.me.profile.organization")).isEqualTo("ACME");
		Document event = lastAudit(me.text("data.me.id"));
		assertThat(event.getString("action")).isEqualTo("correction.applied");
		assertThat(event.getString("actorType")).isEqualTo("SYSTEM");
		assertThat(mongo.getCollection("audit_events")
			.countDocuments(new Document("targetId", id).append("action", "correction.applied"))).isEqualTo(1);
	}

	@Test
	void theSubjectsRequestsAreNewestFirst() {
		PortalClient alice = newSubject();
		String first = submit(alice, "FULL_NAME", "Alice A");
		clock.advance(Duration.ofMinutes(1));
		String second = submit(alice, "ORGANIZATION", "ACME");

		GraphQlResponse page1 = alice.document("myCorrections", "first", 1);
		GraphQlResponse page2 = alice.document("myCorrections", "first", 1, "after",
				page1.text("data.me.correctionRequests.pageInfo.endCursor"));

		assertThat(page1.text("data.me.correctionRequests.edges.0.node.id")).isEqualTo(second);
		assertThat(page2.text("data.me.correctionRequests.edges.0.node.id")).isEqualTo(first);
		assertThat(page2.path("data.me.correctionRequests.pageInfo.hasNextPage").asBoolean()).isFalse();
		assertThat(alice.document("myCorrections", "first", 101).errorClassifications()).containsExactly("BAD_REQUEST");
	}

	private String submit(PortalClient subject, String field, String value) {
		GraphQlResponse response = subject.document("submitCorrection", "field", field, "proposedValue", value);
		assertThat(response.path(SUBMIT + ".userErrors")).as(response.rawBody()).isEmpty();
		return response.text(SUBMIT + ".request.id");
	}

	private String subjectOf(String requestId) {
		return mongo.getCollection("correction_requests").find(new Document("_id", requestId)).first().getString("subjectId");
	}

	private Document lastAudit(String subjectId) {
		return mongo.getCollection("audit_events")
			.find(new Document("subjectId", subjectId))
			.sort(new Document("seq", -1))
			.first();
	}

	private static List<String> ids(GraphQlResponse response, String connection) {
		assertThat(response.hasErrors()).as(response.rawBody()).isFalse();
		List<String> ids = new ArrayList<>();
		response.path("data." + connection + ".edges").forEach(e -> ids.add(e.path("node").path("id").asString()));
		return ids;
	}

}
