package org.privacyportal.request;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineExtensionTests extends PortalIntegrationTest {

	private static final String EXTEND = "data.extendRequestDeadline";

	@Test
	void aCorrectionsDeadlineIsExtendedOnceWithAReasonTheSubjectSees() {
		PortalClient alice = newSubject();
		GraphQlResponse submitted = alice.document("submitCorrection", "field", "ORGANIZATION", "proposedValue", "ACME");
		String id = submitted.text("data.submitCorrectionRequest.request.id");
		Instant dueAt = Instant.parse(submitted.text("data.submitCorrectionRequest.request.dueAt"));
		String staffSub = "staff-" + UUID.randomUUID();

		GraphQlResponse extended = as(staffSub, List.of("privacy.staff"), null, null).document("extendDeadline",
				"requestId", id, "days", 60, "reason", "We are checking the company register");
		GraphQlResponse second = staff().document("extendDeadline", "requestId", id, "days", 1, "reason", "Once more");

		assertThat(extended.path(EXTEND + ".userErrors")).as(extended.rawBody()).isEmpty();
		assertThat(Instant.parse(extended.text(EXTEND + ".dueAt"))).isEqualTo(dueAt.plus(Duration.ofDays(60)));
		assertThat(second.userErrorCodes(EXTEND)).containsExactly("NOT_ALLOWED");
		assertThat(second.path(EXTEND + ".dueAt").isNull()).isTrue();
		GraphQlResponse mine = alice.document("myCorrections");
		assertThat(mine.text("data.me.correctionRequests.edges.0.node.extensionReason"))
			.isEqualTo("We are checking the company register");
		assertThat(Instant.parse(mine.text("data.me.correctionRequests.edges.0.node.dueAt")))
			.isEqualTo(dueAt.plus(Duration.ofDays(60)));
		Document event = lastAudit(mine.text("data.me.id"));
		assertThat(event.getString("action")).isEqualTo("correction.deadline-extended");
		assertThat(event.getString("actor")).isEqualTo(staffSub);
		assertThat(event.get("details", Document.class)).containsEntry("before", dueAt.toString())
			.containsEntry("after", dueAt.plus(Duration.ofDays(60)).toString());
		Document stored = mongo.getCollection("correction_requests").find(new Document("_id", id)).first();
		assertThat(stored.getList("outbox", Document.class)).extracting(mail -> mail.getString("template"))
			.containsExactly("correction-submitted", "deadline-extended");
	}

	@Test
	void aDeletionsDeadlineIsExtendedOnceAndTheOverdueFilterFollows() {
		PortalClient alice = newSubject();
		GraphQlResponse requested = alice.document("requestDeletion");
		String id = requested.text("data.requestDeletion.request.id");
		Instant dueAt = Instant.parse(requested.text("data.requestDeletion.request.dueAt"));
		String subjectId = alice.document("me").text("data.me.id");

		GraphQlResponse extended = staff().document("extendDeadline", "requestId", id, "days", 10, "reason",
				"A legal question is open");
		clock.advance(Duration.ofDays(31));

		assertThat(Instant.parse(extended.text(EXTEND + ".dueAt"))).isEqualTo(dueAt.plus(Duration.ofDays(10)));
		assertThat(alice.document("myDeletion").text("data.me.deletionRequest.extensionReason"))
			.isEqualTo("A legal question is open");
		assertThat(staff().document("deletionRequests", "filter", Map.of("subjectId", subjectId, "overdue", true))
			.path("data.deletionRequests.totalCount").asInt()).isZero();
		clock.advance(Duration.ofDays(10));
		assertThat(staff().document("deletionRequests", "filter", Map.of("subjectId", subjectId, "overdue", true))
			.path("data.deletionRequests.totalCount").asInt()).isEqualTo(1);
		assertThat(staff().document("extendDeadline", "requestId", id, "days", 5, "reason", "Again")
			.userErrorCodes(EXTEND)).containsExactly("NOT_ALLOWED");
		assertThat(lastAudit(subjectId).getString("action")).isEqualTo("deletion.deadline-extended");
	}

	@Test
	void daysAndReasonAreChecked() {
		String id = newSubject().document("requestDeletion").text("data.requestDeletion.request.id");

		GraphQlResponse zero = staff().document("extendDeadline", "requestId", id, "days", 0, "reason", "Why");
		GraphQlResponse tooMany = staff().document("extendDeadline", "requestId", id, "days", 61, "reason", "Why");
		GraphQlResponse blank = staff().document("extendDeadline", "requestId", id, "days", 5, "reason", " ");
		GraphQlResponse tooLong = staff().document("extendDeadline", "requestId", id, "days", 5, "reason",
				"x".repeat(1001));

		assertThat(zero.userErrorCodes(EXTEND)).containsExactly("INVALID");
		assertThat(zero.path(EXTEND + ".userErrors.0.field").toString()).isEqualTo("[\"input\",\"days\"]");
		assertThat(tooMany.userErrorCodes(EXTEND)).containsExactly("INVALID");
		assertThat(blank.userErrorCodes(EXTEND)).containsExactly("INVALID");
		assertThat(blank.path(EXTEND + ".userErrors.0.field").toString()).isEqualTo("[\"input\",\"reason\"]");
		assertThat(tooLong.userErrorCodes(EXTEND)).containsExactly("INVALID");
		assertThat(staff().document("extendDeadline", "requestId", id, "days", 5, "reason", "Now right")
			.path(EXTEND + ".userErrors")).as("nothing was used up by the refused attempts").isEmpty();
	}

	@Test
	void aClosedRequestHasNoDeadlineToExtend() {
		PortalClient alice = newSubject();
		String correction = alice.document("submitCorrection", "field", "ORGANIZATION", "proposedValue", "ACME")
			.text("data.submitCorrectionRequest.request.id");
		alice.document("cancelCorrection", "id", correction);
		String deletion = alice.document("requestDeletion").text("data.requestDeletion.request.id");
		alice.document("cancelDeletion", "id", deletion);

		assertThat(staff().document("extendDeadline", "requestId", correction, "days", 5, "reason", "Late")
			.userErrorCodes(EXTEND)).containsExactly("CONFLICT");
		assertThat(staff().document("extendDeadline", "requestId", deletion, "days", 5, "reason", "Late")
			.userErrorCodes(EXTEND)).containsExactly("CONFLICT");
	}

	@Test
	void anUnknownRequestIsNotFound() {
		GraphQlResponse response = staff().document("extendDeadline", "requestId", UUID.randomUUID().toString(), "days", 5,
				"reason", "Why");

		assertThat(response.errorClassifications()).containsExactly("NOT_FOUND");
	}

	private Document lastAudit(String subjectId) {
		return mongo.getCollection("audit_events")
			.find(new Document("subjectId", subjectId))
			.sort(new Document("seq", -1))
			.first();
	}

}
