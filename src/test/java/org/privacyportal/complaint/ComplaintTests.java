package org.privacyportal.complaint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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

import org.privacyportal.personaldata.PersonalDataEraser;
import org.privacyportal.personaldata.PersonalDataSection;
import org.privacyportal.security.Scopes;
import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacyportal.complaint.ComplaintCalls.file;
import static org.privacyportal.complaint.ComplaintCalls.update;
import static org.privacyportal.complaint.ComplaintCalls.updated;

class ComplaintTests extends PortalIntegrationTest {

	@Autowired
	List<PersonalDataSection> sections;

	@Autowired
	List<PersonalDataEraser> erasers;

	@Test
	void aFiledComplaintIsReceivedWithAnAcknowledgementAndAResolutionDeadline() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");

		GraphQlResponse filed = alice.document("fileComplaint", "category", "UNWANTED_MARKETING", "summary",
				"  Mail after opting out  ", "description", "I opted out in May and still get offers.");

		assertThat(filed.path("data.fileComplaint.userErrors")).isEmpty();
		JsonNode complaint = filed.path("data.fileComplaint.complaint");
		Instant filedAt = Instant.parse(complaint.path("filedAt").asString());
		assertThat(complaint.path("subjectId").asString()).isEqualTo(subjectId);
		assertThat(complaint.path("status").asString()).isEqualTo("RECEIVED");
		assertThat(complaint.path("summary").asString()).isEqualTo("Mail after opting out");
		assertThat(complaint.path("urgent").asBoolean()).isFalse();
		assertThat(Instant.parse(complaint.path("acknowledgeBy").asString())).isEqualTo(filedAt.plus(Duration.ofHours(72)));
		assertThat(Instant.parse(complaint.path("resolveBy").asString())).isEqualTo(filedAt.plus(Duration.ofDays(30)));
		assertThat(complaint.path("dueAt").asString()).isEqualTo(complaint.path("acknowledgeBy").asString());
		assertThat(complaint.path("overdue").asBoolean()).isFalse();
		assertThat(complaint.path("messages")).isEmpty();
		assertThat(complaint.path("assignee").isNull()).isTrue();
		assertThat(complaint.path("acknowledgedAt").isNull()).isTrue();
		GraphQlResponse mine = alice.document("myComplaints");
		assertThat(mine.path("data.me.complaints.totalCount").asInt()).isEqualTo(1);
		assertThat(mine.text("data.me.complaints.edges.0.node.id")).isEqualTo(complaint.path("id").asString());
	}

	@Test
	void securityConcernsAndCompromisedPasswordsAreUrgent() {
		PortalClient alice = newSubject();
		for (String category : List.of("SECURITY_CONCERN", "COMPROMISED_PASSWORD", "POLICY_VIOLATION",
				"UNWANTED_MARKETING", "THIRD_PARTY_SHARING", "DATA_ACCURACY", "OTHER")) {
			JsonNode complaint = alice
				.document("fileComplaint", "category", category, "summary", "s", "description", "d")
				.path("data.fileComplaint.complaint");
			boolean urgent = category.equals("SECURITY_CONCERN") || category.equals("COMPROMISED_PASSWORD");
			Instant filedAt = Instant.parse(complaint.path("filedAt").asString());
			assertThat(complaint.path("urgent").asBoolean()).as(category).isEqualTo(urgent);
			assertThat(Instant.parse(complaint.path("dueAt").asString())).as(category)
				.isEqualTo(filedAt.plus(Duration.ofHours(urgent ? 24 : 72)));
		}
	}

	@Test
	void blankOrOverlongComplaintTextIsInvalidAndNothingIsFiled() {
		PortalClient alice = newSubject();

		GraphQlResponse blankSummary = alice.document("fileComplaint", "category", "OTHER", "summary", "   ",
				"description", "d");
		GraphQlResponse longSummary = alice.document("fileComplaint", "category", "OTHER", "summary", "x".repeat(201),
				"description", "d");
		GraphQlResponse blankDescription = alice.document("fileComplaint", "category", "OTHER", "summary", "s",
				"description", "");
		GraphQlResponse longDescription = alice.document("fileComplaint", "category", "OTHER", "summary", "s",
				"description", "x".repeat(5001));
		GraphQlResponse both = alice.document("fileComplaint", "category", "OTHER", "summary", "", "description", " ");

		assertThat(blankSummary.userErrorCodes("data.fileComplaint")).containsExactly("INVALID");
		assertThat(blankSummary.path("data.fileComplaint.userErrors.0.field").toString()).contains("summary");
		assertThat(longSummary.userErrorCodes("data.fileComplaint")).containsExactly("INVALID");
		assertThat(blankDescription.path("data.fileComplaint.userErrors.0.field").toString()).contains("description");
		assertThat(longDescription.userErrorCodes("data.fileComplaint")).containsExactly("INVALID");
		assertThat(both.userErrorCodes("data.fileComplaint")).containsExactly("INVALID", "INVALID");
		assertThat(blankSummary.path("data.fileComplaint.complaint").isNull()).isTrue();
		assertThat(alice.document("myComplaints").path("data.me.complaints.totalCount").asInt()).isZero();
		assertThat(alice.document("fileComplaint", "category", "OTHER", "summary", "x".repeat(200), "description",
				"x".repeat(5000)).path("data.fileComplaint.userErrors")).isEmpty();
	}

	@Test
	void anUnknownCategoryIsAValidationErrorNotA500() {
		GraphQlResponse response = newSubject().document("fileComplaint", "category", "GRUMPY", "summary", "s",
				"description", "d");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.errorClassifications()).containsExactly("ValidationError");
	}

	@Test
	void aSubjectHasAtMostTwentyOpenComplaints() {
		PortalClient alice = newSubject();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			ids.add(file(alice));
		}

		GraphQlResponse refused = alice.document("fileComplaint", "category", "OTHER", "summary", "s", "description", "d");
		updated(staff(), ids.get(0), "status", "RESOLVED", "remedy", "Fixed");
		GraphQlResponse accepted = alice.document("fileComplaint", "category", "OTHER", "summary", "s", "description", "d");

		assertThat(refused.userErrorCodes("data.fileComplaint")).containsExactly("LIMIT_REACHED");
		assertThat(accepted.path("data.fileComplaint.userErrors")).isEmpty();
		assertThat(alice.document("myComplaints", "first", 0).path("data.me.complaints.totalCount").asInt()).isEqualTo(21);
	}

	@Test
	void fortyConcurrentFilingsOpenExactlyTheLimit() throws Exception {
		PortalClient alice = newSubject();
		alice.document("me");
		ExecutorService pool = Executors.newFixedThreadPool(40);
		List<List<String>> outcomes = new ArrayList<>();
		try {
			List<Callable<GraphQlResponse>> filings = IntStream.range(0, 40)
				.<Callable<GraphQlResponse>>mapToObj(i -> () -> alice.document("fileComplaint", "category", "OTHER",
						"summary", "Race " + i, "description", "d"))
				.toList();
			for (Future<GraphQlResponse> filing : pool.invokeAll(filings)) {
				outcomes.add(filing.get().userErrorCodes("data.fileComplaint"));
			}
		}
		finally {
			pool.shutdown();
		}

		assertThat(outcomes).filteredOn(List::isEmpty).hasSize(ComplaintService.MAX_OPEN);
		assertThat(outcomes).filteredOn(codes -> !codes.isEmpty()).allSatisfy(codes -> assertThat(codes)
			.containsExactly("LIMIT_REACHED"));
		assertThat(alice.document("myComplaints", "first", 0).path("data.me.complaints.totalCount").asInt())
			.isEqualTo(ComplaintService.MAX_OPEN);
	}

	@Test
	void myComplaintsAreNewestFirstAndPageWithoutGapsOrRepeats() {
		PortalClient alice = newSubject();
		List<String> filed = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			filed.add(file(alice));
			clock.advance(Duration.ofMinutes(1));
		}

		List<String> seen = new ArrayList<>();
		String after = null;
		do {
			GraphQlResponse page = after == null ? alice.document("myComplaints", "first", 2)
					: alice.document("myComplaints", "first", 2, "after", after);
			assertThat(page.hasErrors()).as(page.rawBody()).isFalse();
			page.path("data.me.complaints.edges").forEach(edge -> seen.add(edge.path("node").path("id").asString()));
			after = page.path("data.me.complaints.pageInfo.hasNextPage").asBoolean()
					? page.text("data.me.complaints.pageInfo.endCursor") : null;
		}
		while (after != null);

		Collections.reverse(filed);
		assertThat(seen).containsExactlyElementsOf(filed);
		assertThat(alice.document("myComplaints", "first", 101).errorClassifications()).containsExactly("BAD_REQUEST");
	}

	@Test
	void theSubjectRepliesInTheConversationOfTheirComplaint() {
		PortalClient alice = newSubject();
		String id = file(alice);

		GraphQlResponse reply = alice.document("replyToComplaint", "complaintId", id, "body", "  More detail.  ");

		assertThat(reply.path("data.replyToComplaint.userErrors")).isEmpty();
		JsonNode message = reply.path("data.replyToComplaint.complaint.messages.0");
		assertThat(message.path("author").asString()).isEqualTo("SUBJECT");
		assertThat(message.path("body").asString()).isEqualTo("More detail.");
		assertThat(message.path("internal").asBoolean()).isFalse();
		assertThat(reply.text("data.replyToComplaint.complaint.status")).isEqualTo("RECEIVED");
		assertThat(alice.document("myComplaints").path("data.me.complaints.edges.0.node.messages")).hasSize(1);
	}

	@Test
	void replyingToSomeoneElsesComplaintIsNotFoundExactlyLikeAnUnknownOne() {
		String alicesComplaint = file(newSubject());
		PortalClient mallory = newSubject();

		GraphQlResponse others = mallory.document("replyToComplaint", "complaintId", alicesComplaint, "body", "Hi");
		GraphQlResponse unknown = mallory.document("replyToComplaint", "complaintId", UUID.randomUUID().toString(), "body",
				"Hi");

		assertThat(others.errorClassifications()).containsExactly("NOT_FOUND");
		assertThat(unknown.errorClassifications()).containsExactly("NOT_FOUND");
		assertThat(others.path("errors.0.message")).isEqualTo(unknown.path("errors.0.message"));
		assertThat(others.path("data")).isEqualTo(unknown.path("data"));
		assertThat(messagesOf(alicesComplaint)).isEmpty();
	}

	@Test
	void aDecidedComplaintTakesNoMoreRepliesFromTheSubject() {
		PortalClient alice = newSubject();
		String resolved = file(alice);
		String dismissed = file(alice);
		updated(staff(), resolved, "status", "RESOLVED", "remedy", "We removed you from the list.");
		updated(staff(), dismissed, "status", "DISMISSED", "reply", "This is not about personal data.");

		GraphQlResponse toResolved = alice.document("replyToComplaint", "complaintId", resolved, "body", "Thanks");
		GraphQlResponse toDismissed = alice.document("replyToComplaint", "complaintId", dismissed, "body", "But why");

		assertThat(toResolved.userErrorCodes("data.replyToComplaint")).containsExactly("CONFLICT");
		assertThat(toDismissed.userErrorCodes("data.replyToComplaint")).containsExactly("CONFLICT");
		assertThat(messagesOf(resolved)).isEmpty();
		assertThat(messagesOf(dismissed)).hasSize(1);
	}

	@Test
	void aBlankOrOverlongReplyIsInvalid() {
		PortalClient alice = newSubject();
		String id = file(alice);

		GraphQlResponse blank = alice.document("replyToComplaint", "complaintId", id, "body", " \n ");
		GraphQlResponse tooLong = alice.document("replyToComplaint", "complaintId", id, "body", "x".repeat(5001));

		assertThat(blank.userErrorCodes("data.replyToComplaint")).containsExactly("INVALID");
		assertThat(blank.path("data.replyToComplaint.userErrors.0.field").toString()).contains("body");
		assertThat(tooLong.userErrorCodes("data.replyToComplaint")).containsExactly("INVALID");
		assertThat(messagesOf(id)).isEmpty();
	}

	@Test
	void staffReplyAddANoteAssignAndRecordTheRemedyInOneUpdate() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		String id = file(alice);

		GraphQlResponse response = updated(staff(), id, "status", "INVESTIGATING", "reply", "We are looking into it.",
				"internalNote", "Marketing list import from March", "assignee", " dpo-jane ", "remedy", "Suppressed");

		JsonNode complaint = response.path("data.updateComplaint.complaint");
		assertThat(complaint.path("status").asString()).isEqualTo("INVESTIGATING");
		assertThat(complaint.path("assignee").asString()).isEqualTo("dpo-jane");
		assertThat(complaint.path("remedy").asString()).isEqualTo("Suppressed");
		assertThat(complaint.path("acknowledgedAt").isNull()).isFalse();
		assertThat(complaint.path("messages")).hasSize(2);
		assertThat(complaint.path("messages.0.internal").asBoolean()).isFalse();
		assertThat(complaint.path("messages").get(1).path("internal").asBoolean()).isTrue();
		assertThat(complaint.path("messages").get(1).path("author").asString()).isEqualTo("STAFF");
		GraphQlResponse staffView = staff().document("subjectComplaints", "id", subjectId);
		assertThat(staffView.path("data.subject.complaints.edges.0.node.messages")).hasSize(2);
		assertThat(staffView.text("data.subject.complaints.edges.0.node.assignee")).isEqualTo("dpo-jane");
		JsonNode subjectView = alice.document("myComplaints").path("data.me.complaints.edges.0.node");
		assertThat(subjectView.path("messages")).hasSize(1);
		assertThat(subjectView.path("messages").get(0).path("body").asString()).isEqualTo("We are looking into it.");
		assertThat(subjectView.path("assignee").isNull()).isTrue();
		assertThat(subjectView.path("remedy").asString()).isEqualTo("Suppressed");
	}

	@Test
	void internalNotesReachNoSubjectFacingSurface() {
		String secret = "NOTE-" + UUID.randomUUID();
		String sub = "both-" + UUID.randomUUID();
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		String id = file(alice);
		PortalClient staff = staff();
		updated(staff, id, "internalNote", secret);
		updated(staff, id, "status", "ACKNOWLEDGED", "reply", "Thanks, we are on it.", "internalNote", secret + "-2");
		GraphQlResponse subjectReply = alice.document("replyToComplaint", "complaintId", id, "body", "Any news?");
		updated(staff, id, "status", "RESOLVED", "remedy", "Removed from the list", "internalNote", secret + "-3");

		assertThat(subjectReply.rawBody()).doesNotContain(secret);
		assertThat(subjectReply.path("data.replyToComplaint.complaint.messages")).hasSize(2);
		GraphQlResponse mine = alice.document("myComplaints");
		assertThat(mine.rawBody()).doesNotContain(secret).contains("Thanks, we are on it.");
		mine.path("data.me.complaints.edges.0.node.messages")
			.forEach(m -> assertThat(m.path("internal").asBoolean()).isFalse());
		StringBuilder exported = new StringBuilder();
		sections.forEach(section -> section.rows(subjectId, row -> exported.append(row)));
		assertThat(exported.toString()).contains(id, "Thanks, we are on it.", "Any news?").doesNotContain(secret);
		List<Document> outbox = rawComplaint(id).getList("outbox", Document.class);
		assertThat(outbox).extracting(mail -> mail.getString("template"))
			.containsExactly("complaint-received", "complaint-reply", "complaint-decided");
		assertThat(outbox.toString()).doesNotContain(secret);
		assertThat(mongo.getCollection("audit_events").find(new Document("subjectId", subjectId)).into(new ArrayList<>())
			.toString()).doesNotContain(secret);
		assertThat(staff().document("subjectComplaints", "id", subjectId).rawBody()).contains(secret, secret + "-3");

		// a person holding both scopes sees their own complaints through `me` as any subject does
		PortalClient staffSubject = as(sub, List.of(Scopes.SELF, Scopes.STAFF), sub + "@example.com", "Staff Subject");
		String own = file(staffSubject);
		updated(staff, own, "internalNote", secret);
		assertThat(staffSubject.document("myComplaints").rawBody()).doesNotContain(secret);
		assertThat(staffSubject.document("replyToComplaint", "complaintId", own, "body", "Hello").rawBody())
			.doesNotContain(secret);
	}

	@Test
	void aDismissalMustSayWhy() {
		PortalClient alice = newSubject();
		String id = file(alice);

		GraphQlResponse bare = update(staff(), id, "status", "DISMISSED");
		GraphQlResponse withNoteOnly = update(staff(), id, "status", "DISMISSED", "internalNote", "Vexatious");

		assertThat(bare.userErrorCodes("data.updateComplaint")).containsExactly("INVALID");
		assertThat(bare.path("data.updateComplaint.userErrors.0.field").toString()).contains("reply");
		assertThat(withNoteOnly.userErrorCodes("data.updateComplaint")).containsExactly("INVALID");
		assertThat(statusOf(alice)).isEqualTo("RECEIVED");
		assertThat(messagesOf(id)).isEmpty();

		String byRemedy = file(alice);
		updated(staff(), byRemedy, "status", "DISMISSED", "remedy", "Outside the policy's scope");
		updated(staff(), id, "status", "DISMISSED", "reply", "This concerns another company.");
	}

	@Test
	void anUpdateThatChangesNothingOrIsTooLongIsInvalidAndChangesNothing() {
		PortalClient alice = newSubject();
		String id = file(alice);

		GraphQlResponse nothing = update(staff(), id);
		GraphQlResponse blankReply = update(staff(), id, "status", "ACKNOWLEDGED", "reply", " ");
		GraphQlResponse longNote = update(staff(), id, "status", "ACKNOWLEDGED", "internalNote", "x".repeat(5001));
		GraphQlResponse longRemedy = update(staff(), id, "remedy", "x".repeat(2001));
		GraphQlResponse longAssignee = update(staff(), id, "assignee", "x".repeat(201));

		assertThat(nothing.userErrorCodes("data.updateComplaint")).containsExactly("INVALID");
		assertThat(blankReply.userErrorCodes("data.updateComplaint")).containsExactly("INVALID");
		assertThat(blankReply.path("data.updateComplaint.userErrors.0.field").toString()).contains("reply");
		assertThat(longNote.path("data.updateComplaint.userErrors.0.field").toString()).contains("internalNote");
		assertThat(longRemedy.path("data.updateComplaint.userErrors.0.field").toString()).contains("remedy");
		assertThat(longAssignee.path("data.updateComplaint.userErrors.0.field").toString()).contains("assignee");
		Document stored = rawComplaint(id);
		assertThat(stored.getString("status")).isEqualTo("RECEIVED");
		assertThat(stored.getList("messages", Document.class)).isEmpty();
		assertThat(stored.get("remedy")).isNull();
		assertThat(stored.get("assignee")).isNull();
		// the receipt may already have been sent by the mail worker; nothing else was queued
		assertThat(stored.getList("outbox", Document.class))
			.allSatisfy(mail -> assertThat(mail.getString("template")).isEqualTo("complaint-received"));
	}

	@Test
	void anEmptyAssigneeClearsTheAssignment() {
		String id = file(newSubject());
		updated(staff(), id, "assignee", "dpo-jane");

		GraphQlResponse cleared = updated(staff(), id, "assignee", "");

		assertThat(cleared.path("data.updateComplaint.complaint.assignee").isNull()).isTrue();
		assertThat(rawComplaint(id).containsKey("assignee")).isFalse();
	}

	@Test
	void staffOperationsAreForbiddenForSelfCallersAndSelfOperationsForStaff() {
		PortalClient alice = newSubject();
		String id = file(alice);

		GraphQlResponse update = update(alice, id, "status", "ACKNOWLEDGED");
		GraphQlResponse queue = alice.document("complaintQueue");
		GraphQlResponse staffFiling = staff().document("fileComplaint", "category", "OTHER", "summary", "s",
				"description", "d");
		GraphQlResponse staffReply = staff().document("replyToComplaint", "complaintId", id, "body", "Hi");

		assertThat(update.errorClassifications()).containsExactly("FORBIDDEN");
		assertThat(update.path("data").isNull()).as(update.rawBody()).isTrue();
		assertThat(queue.errorClassifications()).containsExactly("FORBIDDEN");
		assertThat(staffFiling.errorClassifications()).containsExactly("FORBIDDEN");
		assertThat(staffReply.errorClassifications()).containsExactly("FORBIDDEN");
		assertThat(anonymous().document("complaintQueue").status()).isEqualTo(401);
		assertThat(anonymous().document("fileComplaint", "category", "OTHER", "summary", "s", "description", "d").status())
			.isEqualTo(401);
		assertThat(statusOf(alice)).isEqualTo("RECEIVED");
		assertThat(messagesOf(id)).isEmpty();
	}

	@Test
	void updatingAnUnknownComplaintIsNotFound() {
		GraphQlResponse response = update(staff(), UUID.randomUUID().toString(), "status", "ACKNOWLEDGED");

		assertThat(response.errorClassifications()).containsExactly("NOT_FOUND");
		assertThat(response.path("data").isNull()).as(response.rawBody()).isTrue();
	}

	@Test
	void theSubjectIsMailedOnFilingOnEachReplyAndOnTheDecisionAndNeverForNotesAlone() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		String id = file(alice, "COMPROMISED_PASSWORD");
		Document filed = rawComplaint(id);

		updated(staff(), id, "status", "ACKNOWLEDGED");
		updated(staff(), id, "internalNote", "Check the login logs");
		updated(staff(), id, "assignee", "dpo-jane");
		assertThat(rawComplaint(id).getList("outbox", Document.class)).hasSize(1);
		updated(staff(), id, "reply", "Please change your password now.");
		updated(staff(), id, "status", "RESOLVED", "remedy", "Password reset forced", "reply", "All sessions ended.");

		List<Document> outbox = rawComplaint(id).getList("outbox", Document.class);
		assertThat(outbox).hasSize(3).allSatisfy(mail -> {
			assertThat(mail.getString("subjectId")).isEqualTo(subjectId);
			assertThat(mail.get("createdAt")).isNotNull();
		});
		Document received = outbox.get(0).get("model", Document.class);
		assertThat(outbox.get(0).getString("template")).isEqualTo("complaint-received");
		assertThat(received).containsEntry("complaintId", id)
			.containsEntry("summary", "Summary of COMPROMISED_PASSWORD")
			.containsEntry("acknowledgeBy", filed.getDate("acknowledgeBy").toInstant().toString());
		assertThat(outbox.get(1).getString("template")).isEqualTo("complaint-reply");
		assertThat(outbox.get(1).get("model", Document.class)).containsEntry("reply", "Please change your password now.");
		assertThat(outbox.get(2).getString("template")).isEqualTo("complaint-decided");
		assertThat(outbox.get(2).get("model", Document.class)).containsEntry("outcome", "resolved")
			.containsEntry("remedy", "Password reset forced")
			.containsEntry("reply", "All sessions ended.");
		assertThat(outbox.toString()).doesNotContain("login logs", "dpo-jane");
	}

	@Test
	void everyChangeIsInTheAuditTrailWithItsActorAndNoNoteText() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		String id = file(alice);
		alice.document("replyToComplaint", "complaintId", id, "body", "More");
		String staffSub = "staff-" + UUID.randomUUID();
		PortalClient jane = as(staffSub, List.of(Scopes.STAFF), null, "Jane");
		updated(jane, id, "status", "INVESTIGATING", "assignee", "dpo-jane", "remedy", "Suppressed", "reply", "Ok",
				"internalNote", "Top secret note");

		GraphQlResponse trail = staff().document("auditTrail", "subjectId", subjectId, "first", 20);

		List<String> actions = new ArrayList<>();
		trail.path("data.auditTrail.edges").forEach(edge -> {
			JsonNode node = edge.path("node");
			actions.add(node.path("action").asString());
			if (node.path("action").asString().startsWith("complaint.")) {
				assertThat(node.path("targetId").asString()).isEqualTo(id);
				boolean bySubject = node.path("actorType").asString().equals("SUBJECT");
				assertThat(node.path("actor").asString()).isEqualTo(bySubject ? subjectId : staffSub);
			}
		});
		assertThat(trail.text("data.auditTrail.edges.0.node.actorType")).isEqualTo("STAFF");
		assertThat(trail.text("data.auditTrail.edges.5.node.actorType")).isEqualTo("SUBJECT");
		assertThat(trail.text("data.auditTrail.edges.6.node.actorType")).isEqualTo("SUBJECT");
		assertThat(actions).containsExactly("complaint.note-added", "complaint.replied", "complaint.remedy-recorded",
				"complaint.assigned", "complaint.status-changed", "complaint.replied", "complaint.filed",
				"subject.registered");
		Document statusChange = mongo.getCollection("audit_events")
			.find(new Document("subjectId", subjectId).append("action", "complaint.status-changed"))
			.first();
		assertThat(statusChange.get("details", Document.class)).containsEntry("from", "RECEIVED")
			.containsEntry("to", "INVESTIGATING");
		assertThat(mongo.getCollection("audit_events").find(new Document("subjectId", subjectId)).into(new ArrayList<>())
			.toString()).doesNotContain("Top secret note");
		assertThat(trail.path("data.auditTrailVerification.valid").asBoolean()).isTrue();
	}

	@Test
	void theExportSectionsHoldTheComplaintsAndTheirVisibleConversationInOrder() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		String first = file(alice, "DATA_ACCURACY");
		clock.advance(Duration.ofMinutes(5));
		String second = file(alice, "OTHER");
		alice.document("replyToComplaint", "complaintId", first, "body", "My address is wrong");
		updated(staff(), first, "status", "RESOLVED", "remedy", "Address corrected", "reply", "Done",
				"internalNote", "hidden");

		List<Map<String, Object>> complaints = rows("complaints", subjectId);
		List<Map<String, Object>> messages = rows("complaintMessages", subjectId);

		assertThat(section("complaints").columns()).containsExactlyElementsOf(complaints.get(0).keySet());
		assertThat(complaints).extracting(row -> row.get("id")).containsExactly(first, second);
		assertThat(complaints.get(0)).containsEntry("status", ComplaintStatus.RESOLVED)
			.containsEntry("remedy", "Address corrected")
			.containsEntry("category", ComplaintCategory.DATA_ACCURACY);
		assertThat(messages).extracting(row -> row.get("body")).containsExactly("My address is wrong", "Done");
		assertThat(messages).extracting(row -> row.get("author")).containsExactly(MessageAuthor.SUBJECT, MessageAuthor.STAFF);
		assertThat(section("complaintMessages").columns()).containsExactlyElementsOf(messages.get(0).keySet());
		assertThat(section("complaints").collections()).containsExactly("complaints");
	}

	@Test
	void erasureClearsWhatTheSubjectWroteAndWasToldButKeepsStatusAndDates() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		String id = file(alice);
		updated(staff(), id, "status", "RESOLVED", "remedy", "Suppressed", "reply", "Done", "internalNote", "n");
		String open = file(alice);
		Document before = rawComplaint(id);

		eraser("complaints").erase(subjectId);
		Document erased = rawComplaint(id);
		clock.advance(Duration.ofHours(1));
		eraser("complaints").erase(subjectId);
		Document again = rawComplaint(id);

		assertThat(erased.getString("summary")).isEmpty();
		assertThat(erased.getString("description")).isEmpty();
		assertThat(erased.getList("messages", Document.class)).isEmpty();
		assertThat(erased.getList("outbox", Document.class)).isEmpty();
		assertThat(erased.containsKey("remedy")).isFalse();
		assertThat(erased.getString("status")).isEqualTo("RESOLVED");
		assertThat(erased.get("filedAt")).isEqualTo(before.get("filedAt"));
		assertThat(erased.get("closedAt")).isEqualTo(before.get("closedAt"));
		assertThat(erased.get("erasedAt")).isNotNull();
		assertThat(again).isEqualTo(erased);
		assertThat(rawComplaint(open).getString("summary")).isEmpty();
		assertThat(rows("complaints", subjectId)).hasSize(2);
		assertThat(rows("complaintMessages", subjectId)).isEmpty();
		assertThat(staff().document("subjectComplaints", "id", subjectId).path("data.subject.complaints.totalCount")
			.asInt()).isEqualTo(2);
	}

	@Test
	void aConversationStopsAt200MessagesButTheStatusStillMoves() {
		PortalClient alice = newSubject();
		String id = file(alice);
		List<Document> full = IntStream.range(0, 200)
			.mapToObj(i -> new Document("_id", UUID.randomUUID().toString()).append("author", "SUBJECT")
				.append("body", "m" + i)
				.append("internal", false)
				.append("at", new java.util.Date()))
			.toList();
		mongo.getCollection("complaints")
			.updateOne(new Document("_id", id), new Document("$set", new Document("messages", full)));

		GraphQlResponse subjectReply = alice.document("replyToComplaint", "complaintId", id, "body", "One more");
		GraphQlResponse staffNote = update(staff(), id, "internalNote", "One more");

		assertThat(subjectReply.userErrorCodes("data.replyToComplaint")).containsExactly("LIMIT_REACHED");
		assertThat(staffNote.userErrorCodes("data.updateComplaint")).containsExactly("LIMIT_REACHED");
		updated(staff(), id, "status", "RESOLVED", "remedy", "Done");
		assertThat(messagesOf(id)).hasSize(200);
	}

	@Test
	void concurrentStaffMovesApplyOnceAndConcurrentRepliesAreAllKept() throws Exception {
		PortalClient alice = newSubject();
		String id = file(alice);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<GraphQlResponse>> moves = IntStream.range(0, 8)
				.<Callable<GraphQlResponse>>mapToObj(i -> () -> update(staff(), id, "status", "ACKNOWLEDGED", "reply",
						"Acknowledged by " + i))
				.toList();
			int applied = 0;
			for (Future<GraphQlResponse> move : pool.invokeAll(moves)) {
				List<String> codes = move.get().userErrorCodes("data.updateComplaint");
				assertThat(codes).isSubsetOf("CONFLICT");
				applied += codes.isEmpty() ? 1 : 0;
			}
			List<Callable<GraphQlResponse>> replies = IntStream.range(0, 8)
				.<Callable<GraphQlResponse>>mapToObj(
						i -> () -> alice.document("replyToComplaint", "complaintId", id, "body", "Reply " + i))
				.toList();
			for (Future<GraphQlResponse> reply : pool.invokeAll(replies)) {
				assertThat(reply.get().path("data.replyToComplaint.userErrors")).isEmpty();
			}

			assertThat(applied).isEqualTo(1);
		}
		finally {
			pool.shutdown();
		}
		Document stored = rawComplaint(id);
		assertThat(stored.getString("status")).isEqualTo("ACKNOWLEDGED");
		assertThat(stored.getList("messages", Document.class)).hasSize(9);
		assertThat(stored.getList("outbox", Document.class)).hasSize(2);
	}

	private Document rawComplaint(String id) {
		return mongo.getCollection("complaints").find(new Document("_id", id)).first();
	}

	private List<Document> messagesOf(String id) {
		return rawComplaint(id).getList("messages", Document.class);
	}

	private static String statusOf(PortalClient subject) {
		return subject.document("myComplaints").text("data.me.complaints.edges.0.node.status");
	}

	private PersonalDataSection section(String key) {
		return sections.stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
	}

	private PersonalDataEraser eraser(String collection) {
		return erasers.stream().filter(e -> e.collections().contains(collection)).findFirst().orElseThrow();
	}

	private List<Map<String, Object>> rows(String key, String subjectId) {
		List<Map<String, Object>> rows = new ArrayList<>();
		section(key).rows(subjectId, rows::add);
		return rows;
	}

}
