package org.privacyportal.complaint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacyportal.complaint.ComplaintCalls.file;
import static org.privacyportal.complaint.ComplaintCalls.updated;

/**
 * The staff queue and the deadlines, with the clock moved. Each test assigns its complaints to an
 * assignee of its own, so the queue shows only them whatever else the shared store holds.
 */
class ComplaintQueueTests extends PortalIntegrationTest {

	@Test
	void aComplaintIsOverdueOnce72HoursPassWithoutAcknowledgement() {
		String queue = "queue-" + UUID.randomUUID();
		String id = file(newSubject(), "DATA_ACCURACY");
		updated(staff(), id, "assignee", queue);

		clock.advance(Duration.ofHours(72).minusSeconds(1));
		List<String> beforeDeadline = ids(overdue(queue, true));
		List<String> notOverdue = ids(overdue(queue, false));
		clock.advance(Duration.ofSeconds(2));
		GraphQlResponse afterDeadline = overdue(queue, true);

		assertThat(beforeDeadline).isEmpty();
		assertThat(notOverdue).containsExactly(id);
		assertThat(ids(afterDeadline)).containsExactly(id);
		assertThat(afterDeadline.path("data.complaints.edges.0.node.overdue").asBoolean()).isTrue();
		assertThat(ids(overdue(queue, false))).isEmpty();
	}

	@Test
	void anUrgentComplaintIsOverdueOnce24HoursPassWithoutAcknowledgement() {
		String queue = "queue-" + UUID.randomUUID();
		String id = file(newSubject(), "SECURITY_CONCERN");
		updated(staff(), id, "assignee", queue);

		clock.advance(Duration.ofHours(24).minusSeconds(1));
		List<String> beforeDeadline = ids(overdue(queue, true));
		clock.advance(Duration.ofSeconds(2));

		assertThat(beforeDeadline).isEmpty();
		assertThat(ids(overdue(queue, true))).containsExactly(id);
	}

	@Test
	void acknowledgingMovesTheDueDateToThirtyDaysAfterFilingAndDecidingEndsIt() {
		String queue = "queue-" + UUID.randomUUID();
		PortalClient alice = newSubject();
		GraphQlResponse filed = alice.document("fileComplaint", "category", "OTHER", "summary", "s", "description", "d");
		String id = filed.text("data.fileComplaint.complaint.id");
		Instant filedAt = Instant.parse(filed.text("data.fileComplaint.complaint.filedAt"));
		clock.advance(Duration.ofHours(80));
		assertThat(alice.document("myComplaints").path("data.me.complaints.edges.0.node.overdue").asBoolean()).isTrue();

		GraphQlResponse acknowledged = updated(staff(), id, "status", "ACKNOWLEDGED", "assignee", queue);

		assertThat(Instant.parse(acknowledged.text("data.updateComplaint.complaint.dueAt")))
			.isEqualTo(filedAt.plus(Duration.ofDays(30)));
		assertThat(acknowledged.path("data.updateComplaint.complaint.overdue").asBoolean()).isFalse();
		assertThat(ids(overdue(queue, true))).isEmpty();
		clock.advance(Duration.between(clock.instant(), filedAt.plus(Duration.ofDays(30))).minusSeconds(1));
		assertThat(ids(overdue(queue, true))).isEmpty();
		clock.advance(Duration.ofSeconds(2));
		assertThat(ids(overdue(queue, true))).containsExactly(id);
		assertThat(alice.document("myComplaints").path("data.me.complaints.edges.0.node.overdue").asBoolean()).isTrue();

		updated(staff(), id, "status", "RESOLVED", "remedy", "Late, but fixed");

		assertThat(ids(overdue(queue, true))).isEmpty();
		assertThat(ids(overdue(queue, false))).containsExactly(id);
	}

	@Test
	void theQueueShowsOpenUrgentComplaintsFirstThenTheOldestDueThenClosedOnes() {
		String queue = "queue-" + UUID.randomUUID();
		PortalClient alice = newSubject();
		String normalOld = file(alice, "OTHER");
		clock.advance(Duration.ofHours(1));
		String acknowledgedUrgent = file(alice, "COMPROMISED_PASSWORD");
		clock.advance(Duration.ofHours(1));
		String normalNew = file(alice, "POLICY_VIOLATION");
		clock.advance(Duration.ofHours(1));
		String urgent = file(alice, "SECURITY_CONCERN");
		String resolvedUrgent = file(alice, "SECURITY_CONCERN");
		String acknowledged = file(alice, "OTHER");
		for (String id : List.of(normalOld, acknowledgedUrgent, normalNew, urgent, resolvedUrgent, acknowledged)) {
			updated(staff(), id, "assignee", queue);
		}
		updated(staff(), acknowledgedUrgent, "status", "ACKNOWLEDGED");
		updated(staff(), acknowledged, "status", "ACKNOWLEDGED");
		updated(staff(), resolvedUrgent, "status", "RESOLVED", "remedy", "Reset");

		List<String> order = new ArrayList<>();
		String after = null;
		do {
			GraphQlResponse page = after == null ? queue(Map.of("assignee", queue), 2)
					: staff().document("complaintQueue", "filter", Map.of("assignee", queue), "first", 2, "after", after);
			assertThat(page.hasErrors()).as(page.rawBody()).isFalse();
			assertThat(page.path("data.complaints.totalCount").asInt()).isEqualTo(6);
			order.addAll(ids(page));
			after = page.path("data.complaints.pageInfo.hasNextPage").asBoolean()
					? page.text("data.complaints.pageInfo.endCursor") : null;
		}
		while (after != null);

		// urgent: due +24h after filing at +3h, before the acknowledged urgent one due 30 days after filing
		assertThat(order).containsExactly(urgent, acknowledgedUrgent, normalOld, normalNew, acknowledged, resolvedUrgent);
	}

	@Test
	void theQueueFiltersByStatusCategoryAndAssignee() {
		String queue = "queue-" + UUID.randomUUID();
		PortalClient alice = newSubject();
		String marketing = file(alice, "UNWANTED_MARKETING");
		String sharing = file(alice, "THIRD_PARTY_SHARING");
		String other = file(alice, "OTHER");
		for (String id : List.of(marketing, sharing, other)) {
			updated(staff(), id, "assignee", queue);
		}
		updated(staff(), sharing, "status", "INVESTIGATING");
		updated(staff(), other, "status", "DISMISSED", "reply", "Not ours");

		assertThat(ids(queue(Map.of("assignee", queue, "status", List.of("RECEIVED", "INVESTIGATING")), 20)))
			.containsExactlyInAnyOrder(marketing, sharing);
		assertThat(ids(queue(Map.of("assignee", queue, "category", List.of("OTHER", "UNWANTED_MARKETING")), 20)))
			.containsExactlyInAnyOrder(marketing, other);
		assertThat(ids(queue(Map.of("assignee", queue, "status", List.of("DISMISSED"), "category", List.of("OTHER")), 20)))
			.containsExactly(other);
		assertThat(queue(Map.of("assignee", "nobody-" + UUID.randomUUID()), 20).path("data.complaints.totalCount").asInt())
			.isZero();
		assertThat(queue(Map.of(), 101).errorClassifications()).containsExactly("BAD_REQUEST");
	}

	@Test
	void anEmptyAssigneeFindsTheUnassignedComplaints() {
		Map<String, Object> unassigned = Map.of("assignee", "", "status", List.of("RECEIVED"));
		int before = queue(unassigned, 0).path("data.complaints.totalCount").asInt();
		String id = file(newSubject());
		int withNew = queue(unassigned, 0).path("data.complaints.totalCount").asInt();
		updated(staff(), id, "assignee", "dpo-" + UUID.randomUUID());

		assertThat(withNew).isEqualTo(before + 1);
		assertThat(queue(unassigned, 0).path("data.complaints.totalCount").asInt()).isEqualTo(before);
	}

	private GraphQlResponse overdue(String assignee, boolean overdue) {
		return queue(Map.of("assignee", assignee, "overdue", overdue), 20);
	}

	private GraphQlResponse queue(Map<String, Object> filter, int first) {
		return staff().document("complaintQueue", "filter", filter, "first", first);
	}

	private static List<String> ids(GraphQlResponse response) {
		assertThat(response.hasErrors()).as(response.rawBody()).isFalse();
		List<String> ids = new ArrayList<>();
		response.path("data.complaints.edges").forEach(edge -> ids.add(edge.path("node").path("id").asString()));
		return ids;
	}

}
