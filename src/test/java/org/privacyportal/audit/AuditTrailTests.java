package org.privacyportal.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class AuditTrailTests extends PortalIntegrationTest {

	@Autowired
	AuditService audit;

	@Test
	void registrationConsentChangesAndHoldsAreInTheTrailNewestFirst() {
		PortalClient alice = newSubject();
		String id = alice.document("me").text("data.me.id");
		alice.document("updateConsents", "changes", List.of(Map.of("purposeKey", "analytics", "granted", false)));
		String staffSub = "staff-audit";
		as(staffSub, List.of("privacy.staff"), null, null).document("setLegalHold", "subjectId", id, "hold", true, "reason",
				"Subpoena");

		GraphQlResponse trail = staff().document("auditTrail", "subjectId", id);

		assertThat(trail.path("data.auditTrail.totalCount").asInt()).isEqualTo(3);
		assertThat(trail.text("data.auditTrail.edges.0.node.action")).isEqualTo("subject.legal-hold.placed");
		assertThat(trail.text("data.auditTrail.edges.0.node.actor")).isEqualTo(staffSub);
		assertThat(trail.text("data.auditTrail.edges.0.node.actorType")).isEqualTo("STAFF");
		assertThat(trail.text("data.auditTrail.edges.1.node.action")).isEqualTo("consent.updated");
		assertThat(trail.text("data.auditTrail.edges.1.node.actorType")).isEqualTo("SUBJECT");
		assertThat(trail.text("data.auditTrail.edges.2.node.action")).isEqualTo("subject.registered");
		assertThat(trail.text("data.auditTrail.edges.2.node.hash")).hasSize(64);
		assertThat(trail.path("data.auditTrailVerification.valid").asBoolean()).isTrue();
		assertThat(trail.path("data.auditTrailVerification.eventsChecked").asInt()).isEqualTo(3);
	}

	@Test
	void anEventRecordedOnceIsRecordedOnceEvenByRunsRacingForIt() throws Exception {
		String id = newSubject().document("me").text("data.me.id");
		AuditEntry completion = AuditEntry.bySystem(id, "deletion.completed", "request-" + id, Map.of());
		ExecutorService runs = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> recorded = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				recorded.add(runs.submit(() -> audit.recordOnce(completion)));
			}
			for (Future<?> run : recorded) {
				run.get();
			}
		}
		finally {
			runs.shutdown();
		}
		audit.recordOnce(completion);

		assertThat(mongo.getCollection("audit_events")
			.countDocuments(new Document("subjectId", id).append("action", "deletion.completed"))).isEqualTo(1);
		assertThat(staff().document("auditTrail", "subjectId", id).path("data.auditTrailVerification.valid").asBoolean())
			.isTrue();
	}

	@Test
	void verificationFindsAnEditedEvent() {
		String id = subjectWithThreeEvents();

		mongo.getCollection("audit_events")
			.updateOne(new Document("subjectId", id).append("seq", 2L), new Document("$set", new Document("actor", "someone-else")));

		GraphQlResponse verification = staff().document("auditTrail", "subjectId", id);
		assertThat(verification.path("data.auditTrailVerification.valid").asBoolean()).isFalse();
		assertThat(verification.path("data.auditTrailVerification.firstBrokenSeq").asInt()).isEqualTo(2);
	}

	@Test
	void verificationFindsEditedDetails() {
		String id = subjectWithThreeEvents();

		mongo.getCollection("audit_events")
			.updateOne(new Document("subjectId", id).append("seq", 3L),
					new Document("$set", new Document("details.analytics", "withdrawn")));

		assertThat(staff().document("auditTrail", "subjectId", id).path("data.auditTrailVerification.firstBrokenSeq").asInt())
			.isEqualTo(3);
	}

	@Test
	void verificationFindsARemovedEvent() {
		String id = subjectWithThreeEvents();

		mongo.getCollection("audit_events").deleteOne(new Document("subjectId", id).append("seq", 2L));

		GraphQlResponse verification = staff().document("auditTrail", "subjectId", id);
		assertThat(verification.path("data.auditTrailVerification.valid").asBoolean()).isFalse();
		assertThat(verification.path("data.auditTrailVerification.firstBrokenSeq").asInt()).isEqualTo(2);
	}

	@Test
	void anUnknownSubjectHasAnEmptyValidTrail() {
		GraphQlResponse trail = staff().document("auditTrail", "subjectId", "no-such-subject");

		assertThat(trail.path("data.auditTrail.totalCount").asInt()).isZero();
		assertThat(trail.path("data.auditTrailVerification.valid").asBoolean()).isTrue();
	}

	private String subjectWithThreeEvents() {
		PortalClient alice = newSubject();
		String id = alice.document("me").text("data.me.id");
		alice.document("updateConsents", "changes", List.of(Map.of("purposeKey", "analytics", "granted", false)));
		alice.document("updateConsents", "changes", List.of(Map.of("purposeKey", "analytics", "granted", true)));
		assertThat(staff().document("auditTrail", "subjectId", id).path("data.auditTrailVerification.valid").asBoolean())
			.isTrue();
		return id;
	}

}
