package org.privacyportal.deletion;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.security.Sha256;
import org.privacyportal.notification.PendingMail;
import org.privacyportal.personaldata.PersonalDataEraser;
import org.privacyportal.security.Scopes;
import org.privacyportal.subject.SubjectService;
import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a completed deletion leaves behind: no personal data anywhere, proof kept without it, and a
 * re-run (after a crash or not) that changes nothing.
 */
class ErasureTests extends PortalIntegrationTest {

	private static final Set<String> CONSENT_EVENT_KEYS = Set.of("_id", "subjectId", "seq", "purposeKey",
			"purposeVersion", "granted", "source", "channel", "policyVersion", "at", "_class");

	@Autowired
	DeletionWorker worker;

	@Autowired
	List<PersonalDataEraser> erasers;

	@Autowired
	SubjectService subjects;

	@Autowired
	AuditService audit;

	@Test
	void aCompletedDeletionLeavesNoPersonalDataAndKeepsTheProofWithoutIt() {
		Person alice = personWithHistory();
		long consentEvents = count("consent_events", alice.id);
		long auditEvents = count("audit_events", alice.id);
		clock.advance(Duration.ofDays(14));

		worker.executeDue();

		assertErased(alice);
		assertThat(count("consent_events", alice.id)).as("consent events are proof and stay").isEqualTo(consentEvents);
		mongo.getCollection("consent_events")
			.find(new Document("subjectId", alice.id))
			.forEach(event -> assertThat(CONSENT_EVENT_KEYS).containsAll(event.keySet()));
		assertThat(count("audit_events", alice.id)).as("the audit trail stays, plus the completion")
			.isEqualTo(auditEvents + 1);
		GraphQlResponse trail = staff().document("auditTrail", "subjectId", alice.id, "first", 100);
		assertThat(trail.path("data.auditTrailVerification.valid").asBoolean()).isTrue();
		assertThat(trail.path("data.auditTrailVerification.eventsChecked").asLong()).isEqualTo(auditEvents + 1);
		assertThat(trail.text("data.auditTrail.edges.0.node.action")).isEqualTo("deletion.completed");
	}

	@Test
	void afterTheErasureTheAuditDigestsConfirmNoGuessAtTheErasedDetails() {
		Person alice = personWithHistory();
		Map<Long, Document> detailsBefore = new TreeMap<>();
		mongo.getCollection("audit_events")
			.find(new Document("subjectId", alice.id))
			.forEach(event -> detailsBefore.put(event.getLong("seq"), event.get("details", Document.class)));
		assertThat(detailsBefore.values()).as("details holding the phone number")
			.anySatisfy(details -> assertThat(details.toJson()).contains(alice.tag.replaceAll("[^0-9]", "7").substring(0, 4)));
		byte[] key = mongo.getCollection("audit_keys").find(new Document("_id", alice.id)).first()
			.get("key", Binary.class).getData();
		assertThat(digests(alice.id)).as("the keyed digest of the details, while the key exists")
			.containsValues(detailsBefore.entrySet().stream().filter(e -> !e.getValue().isEmpty())
				.map(e -> hmac(key, e.getValue())).toArray(String[]::new));
		clock.advance(Duration.ofDays(14));

		worker.executeDue();

		assertThat(mongo.getCollection("audit_keys").countDocuments(new Document("_id", alice.id))).isZero();
		Map<Long, String> digests = digests(alice.id);
		detailsBefore.forEach((seq, details) -> {
			if (!details.isEmpty()) {
				assertThat(digests.get(seq)).as("digest of event %s", seq)
					.isNotEqualTo(Sha256.hex(canonical(details)));
			}
		});
		assertThat(staff().document("auditTrail", "subjectId", alice.id).path("data.auditTrailVerification.valid").asBoolean())
			.isTrue();
	}

	private Map<Long, String> digests(String subjectId) {
		Map<Long, String> digests = new TreeMap<>();
		mongo.getCollection("audit_events")
			.find(new Document("subjectId", subjectId))
			.forEach(event -> digests.put(event.getLong("seq"), event.getString("detailsDigest")));
		return digests;
	}

	/** The details as the chain's digest reads them: keys in order. */
	private static String canonical(Document details) {
		Map<String, String> sorted = new TreeMap<>();
		details.forEach((k, v) -> sorted.put(k, String.valueOf(v)));
		return sorted.toString();
	}

	private static String hmac(byte[] key, Document details) {
		try {
			javax.crypto.Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(canonical(details).getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new AssertionError(ex);
		}
	}

	@Test
	void signingInAgainAfterTheErasureStartsANewSubject() {
		Person alice = personWithHistory();
		clock.advance(Duration.ofDays(14));
		worker.executeDue();

		GraphQlResponse again = alice.client.document("me");

		assertThat(again.text("data.me.id")).isNotEqualTo(alice.id);
		assertThat(again.text("data.me.profile.email")).isEqualTo(alice.email);
		assertThat(alice.client.document("myCorrections").path("data.me.correctionRequests.totalCount").asInt()).isZero();
		assertThat(alice.client.document("myDeletion").path("data.me.deletionRequest").isNull()).isTrue();
		GraphQlResponse tombstone = staff().document("subjectRequests", "id", alice.id);
		assertThat(tombstone.text("data.subject.id")).isEqualTo(alice.id);
		assertThat(tombstone.path("data.subject.erasedAt").isNull()).isFalse();
	}

	@Test
	void runningEveryEraserAgainChangesNothing() {
		Person alice = personWithHistory();
		clock.advance(Duration.ofDays(14));
		worker.executeDue();
		Map<String, List<Document>> before = snapshot(alice.id);

		clock.advance(Duration.ofHours(1));
		erasers.forEach(eraser -> eraser.erase(alice.id));
		worker.executeDue();

		assertThat(snapshot(alice.id)).isEqualTo(before);
	}

	@Test
	void aRunThatStoppedHalfwayIsFinishedAfterItsLeaseWithTheSameResult() {
		Person alice = personWithHistory();
		clock.advance(Duration.ofDays(14));
		// what an instance that stopped mid-erasure leaves: a live lease, the address kept, some features erased
		stoppedRun(alice);
		erasers.stream()
			.filter(e -> e.collections().contains("subjects") || e.collections().contains("audit_events"))
			.forEach(e -> e.erase(alice.id));

		worker.executeDue();
		assertThat(status(alice.deletionId)).as("another run waits for the lease").isEqualTo("PENDING");
		clock.advance(Duration.ofMinutes(11));
		worker.executeDue();

		assertErased(alice);
		assertThat(staff().document("auditTrail", "subjectId", alice.id).path("data.auditTrailVerification.valid").asBoolean())
			.isTrue();
	}

	@Test
	void aRunThatStoppedBetweenTheCompletionEventAndTheCompletionIsFinishedWithOneEvent() {
		Person alice = personWithHistory();
		clock.advance(Duration.ofDays(14));
		// what an instance leaves that stopped after the erasure and the completion event, before COMPLETED
		stoppedRun(alice);
		erasers.forEach(e -> e.erase(alice.id));
		audit.recordOnce(AuditEntry.bySystem(alice.id, "deletion.completed", alice.deletionId, Map.of()));
		clock.advance(Duration.ofMinutes(11));

		worker.executeDue();

		assertErased(alice);
		assertThat(mongo.getCollection("audit_events")
			.countDocuments(new Document("subjectId", alice.id).append("action", "deletion.completed"))).isEqualTo(1);
		assertThat(staff().document("auditTrail", "subjectId", alice.id).path("data.auditTrailVerification.valid").asBoolean())
			.isTrue();
	}

	@Test
	void consentEventsStillWaitingInTheSettingsAreKeptBeforeTheSettingsGo() {
		Person alice = personWithHistory();
		long seq = mongo.getCollection("consent_settings").find(new Document("_id", alice.id)).first().getLong("eventSeq") + 1;
		// an event written with the settings but not yet copied to the history
		mongo.getCollection("consent_settings")
			.updateOne(new Document("_id", alice.id), new Document("$push", new Document("pendingEvents",
					new Document("seq", seq).append("purposeKey", "analytics")
						.append("granted", true)
						.append("source", "SUBJECT")
						.append("policyVersion", "1.0")
						.append("at", Date.from(clock.instant()))))
				.append("$set", new Document("eventSeq", seq)));
		clock.advance(Duration.ofDays(14));

		worker.executeDue();

		assertThat(mongo.getCollection("consent_events").countDocuments(new Document("_id", alice.id + ":" + seq)))
			.isEqualTo(1);
		assertThat(count("consent_settings", alice.id)).isZero();
	}

	/** A run of a stopped instance, as far as the erasers: its lease for ten more minutes, the address kept. */
	private void stoppedRun(Person person) {
		mongo.getCollection("deletion_requests")
			.updateOne(new Document("_id", person.deletionId), new Document("$set",
					new Document("claim", "stopped-instance").append("leaseUntil",
							Date.from(clock.instant().plus(Duration.ofMinutes(10))))
						.append("contactEmail", person.email)));
		assertThat(subjects.beginErasure(person.id)).isTrue();
	}

	private void assertErased(Person person) {
		assertThat(status(person.deletionId)).isEqualTo("COMPLETED");
		GraphQlResponse subject = staff().document("subjectRequests", "id", person.id);
		assertThat(subject.hasErrors()).as(subject.rawBody()).isFalse();
		assertThat(subject.path("data.subject.erasedAt").isNull()).isFalse();
		assertThat(subject.path("data.subject.profile").properties()).allSatisfy(p -> assertThat(p.getValue().isNull()).isTrue());
		assertThat(subject.path("data.subject.collectionSources")).isEmpty();
		assertThat(subject.path("data.subject.deletionRequest").isNull()).isTrue();
		subject.path("data.subject.correctionRequests.edges").forEach(edge -> {
			assertThat(edge.path("node").path("status").asString()).isIn("APPROVED", "REJECTED", "CANCELLED");
			assertThat(edge.path("node").path("proposedValue").asString()).isEmpty();
			assertThat(edge.path("node").path("currentValue").isNull()).isTrue();
			assertThat(edge.path("node").path("decisionNote").isNull()).isTrue();
			assertThat(edge.path("node").path("erasedAt").isNull()).isFalse();
		});
		assertThat(count("consent_settings", person.id)).isZero();
		mongo.getCollection("audit_events")
			.find(new Document("subjectId", person.id))
			.forEach(event -> assertThat(event.get("details", new Document())).as(event.getString("action")).isEmpty());
		Document deletion = mongo.getCollection("deletion_requests").find(new Document("_id", person.deletionId)).first();
		List<Document> outbox = deletion.getList("outbox", Document.class);
		assertThat(outbox).extracting(mail -> mail.getString("template")).containsExactly("deletion-completed");
		assertThat(outbox.get(0).get("model", Document.class)).containsEntry(PendingMail.RECIPIENT_ADDRESS, person.email);
		assertThat(personalDataFound(person)).as("documents still holding the person's data").isEmpty();
	}

	/**
	 * Every document of every collection that still holds one of the person's values. The completion
	 * mail's address is the one exception: it leaves with the mail.
	 */
	private List<String> personalDataFound(Person person) {
		List<String> found = new ArrayList<>();
		for (String collection : mongo.getCollectionNames()) {
			mongo.getCollection(collection).find().forEach(document -> {
				Document copy = Document.parse(document.toJson());
				if (person.deletionId.equals(copy.get("_id"))) {
					copy.remove("outbox");
				}
				String json = copy.toJson();
				person.secrets().stream()
					.filter(json::contains)
					.forEach(secret -> found.add(collection + "/" + copy.get("_id") + " holds " + secret));
			});
		}
		return found;
	}

	private Map<String, List<Document>> snapshot(String subjectId) {
		Map<String, List<Document>> snapshot = new TreeMap<>();
		for (String collection : List.of("subjects", "consent_settings", "consent_events", "audit_events",
				"correction_requests", "deletion_requests")) {
			List<Document> documents = new ArrayList<>();
			mongo.getCollection(collection)
				.find(new Document("$or", List.of(new Document("_id", subjectId), new Document("subjectId", subjectId))))
				.sort(new Document("_id", 1))
				.forEach(documents::add);
			snapshot.put(collection, documents);
		}
		return snapshot;
	}

	/**
	 * A subject with a bit of everything: corrected phone, address and organization, changed
	 * consents, a rejected and a pending correction, and a deletion request with a reason.
	 */
	private Person personWithHistory() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String sub = "erasure-" + UUID.randomUUID();
		String email = "erin." + tag + "@example.com";
		String name = "Erin Zed" + tag;
		PortalClient erin = as(sub, List.of(Scopes.SELF), email, name);
		String id = erin.document("me").text("data.me.id");
		String phone = "+41 44 668 " + tag.replaceAll("[^0-9]", "7").substring(0, 4);
		String street = "Secret Lane " + tag;
		approve(erin, "PHONE", phone);
		approve(erin, "POSTAL_ADDRESS", "{\"line1\": \"" + street + "\", \"city\": \"Hidden" + tag + "\", \"country\": \"CH\"}");
		approve(erin, "ORGANIZATION", "Org " + tag);
		erin.document("updateConsents", "changes", List.of(Map.of("purposeKey", "analytics", "granted", false)), "channel",
				"web");
		String rejected = submit(erin, "FULL_NAME", "Erin Rejected" + tag);
		staff().document("reviewCorrection", "id", rejected, "decision", "REJECT", "note", "Note about Erin" + tag);
		submit(erin, "FULL_NAME", "Erin Pending" + tag);
		GraphQlResponse deletion = erin.document("requestDeletion", "reason", "Reason of Erin" + tag);
		String deletionId = deletion.text("data.requestDeletion.request.id");
		staff().document("extendDeadline", "requestId", deletionId, "days", 5, "reason", "Extension for Erin" + tag);
		return new Person(erin, id, sub, email, name, tag, deletionId);
	}

	private void approve(PortalClient subject, String field, String value) {
		GraphQlResponse approved = staff().document("reviewCorrection", "id", submit(subject, field, value), "decision",
				"APPROVE");
		assertThat(approved.path("data.reviewCorrectionRequest.userErrors")).as(approved.rawBody()).isEmpty();
	}

	/** Sent with an idempotency key, so the stored answer repeats the value until the erasure. */
	private String submit(PortalClient subject, String field, String value) {
		GraphQlResponse response = subject.header("Idempotency-Key", UUID.randomUUID().toString())
			.document("submitCorrection", "field", field, "proposedValue", value);
		assertThat(response.path("data.submitCorrectionRequest.userErrors")).as(response.rawBody()).isEmpty();
		return response.text("data.submitCorrectionRequest.request.id");
	}

	private long count(String collection, String subjectId) {
		return mongo.getCollection(collection)
			.countDocuments(new Document("$or", List.of(new Document("_id", subjectId), new Document("subjectId", subjectId))));
	}

	private String status(String requestId) {
		return mongo.getCollection("deletion_requests").find(new Document("_id", requestId)).first().getString("status");
	}

	private record Person(PortalClient client, String id, String sub, String email, String name, String tag,
			String deletionId) {

		/** The token subject, the profile values, the free texts: each contains the unique tag or sub. */
		List<String> secrets() {
			return List.of(sub, email, name, tag);
		}

	}

}
