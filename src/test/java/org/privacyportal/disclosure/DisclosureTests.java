package org.privacyportal.disclosure;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

class DisclosureTests extends PortalIntegrationTest {

	@Autowired
	List<PersonalDataSection> sections;

	@Autowired
	List<PersonalDataEraser> erasers;

	@Test
	void staffRecordADisclosureThatBothStaffAndTheSubjectSee() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		String staffSub = "staff-" + UUID.randomUUID();
		PortalClient jane = as(staffSub, List.of(Scopes.STAFF), null, "Jane");
		Instant disclosedAt = clock.instant().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);

		GraphQlResponse recorded = jane.document("recordDisclosure", "input", input(subjectId, "  District Court  ",
				"LEGAL_PROCESS", List.of(" email address ", "postal address"), disclosedAt, null));

		assertThat(recorded.path("data.recordDisclosure.userErrors")).as(recorded.rawBody()).isEmpty();
		JsonNode disclosure = recorded.path("data.recordDisclosure.disclosure");
		assertThat(disclosure.path("recipient").asString()).isEqualTo("District Court");
		assertThat(disclosure.path("basis").asString()).isEqualTo("LEGAL_PROCESS");
		assertThat(disclosure.path("dataCategories").toString()).isEqualTo("[\"email address\",\"postal address\"]");
		assertThat(Instant.parse(disclosure.path("disclosedAt").asString())).isEqualTo(disclosedAt);
		assertThat(disclosure.path("recordedBy").asString()).isEqualTo(staffSub);
		GraphQlResponse mine = alice.document("myDisclosures");
		assertThat(mine.path("data.me.disclosures.totalCount").asInt()).isEqualTo(1);
		JsonNode seen = mine.path("data.me.disclosures.edges.0.node");
		assertThat(seen.path("id").asString()).isEqualTo(disclosure.path("id").asString());
		assertThat(seen.path("recipient").asString()).isEqualTo("District Court");
		assertThat(seen.path("recordedBy").isNull()).isTrue();
		assertThat(seen.path("confidentialUntil").isNull()).isTrue();
		GraphQlResponse audit = staff().document("auditTrail", "subjectId", subjectId);
		assertThat(audit.text("data.auditTrail.edges.0.node.action")).isEqualTo("disclosure.recorded");
		assertThat(audit.text("data.auditTrail.edges.0.node.actor")).isEqualTo(staffSub);
		assertThat(audit.text("data.auditTrail.edges.0.node.actorType")).isEqualTo("STAFF");
		assertThat(audit.text("data.auditTrail.edges.0.node.targetId")).isEqualTo(disclosure.path("id").asString());
	}

	@Test
	void aConfidentialDisclosureReachesTheSubjectOnlyOnceConfidentialityEnds() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		Instant until = clock.instant().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
		String open = record(subjectId, "Vendor Ltd", "VENDOR_PROCESSING", null);
		String confidential = record(subjectId, "Police", "SAFETY", until);

		GraphQlResponse staffView = staff().document("subjectDisclosures", "id", subjectId);
		GraphQlResponse before = alice.document("myDisclosures");
		List<Map<String, Object>> exportedBefore = rows(subjectId);
		clock.advance(Duration.between(clock.instant(), until).minusSeconds(1));
		GraphQlResponse justBefore = alice.document("myDisclosures");
		clock.advance(Duration.ofSeconds(1));
		GraphQlResponse after = alice.document("myDisclosures");
		List<Map<String, Object>> exportedAfter = rows(subjectId);

		assertThat(staffView.path("data.subject.disclosures.totalCount").asInt()).isEqualTo(2);
		assertThat(staffView.rawBody()).contains(confidential, until.toString());
		assertThat(before.path("data.me.disclosures.totalCount").asInt()).isEqualTo(1);
		assertThat(before.rawBody()).contains(open).doesNotContain(confidential).doesNotContain("Police");
		assertThat(exportedBefore).extracting(row -> row.get("id")).containsExactly(open);
		assertThat(justBefore.path("data.me.disclosures.totalCount").asInt()).isEqualTo(1);
		assertThat(after.path("data.me.disclosures.totalCount").asInt()).isEqualTo(2);
		assertThat(after.rawBody()).contains(confidential, "Police").doesNotContain(until.toString());
		assertThat(exportedAfter).extracting(row -> row.get("id")).containsExactlyInAnyOrder(open, confidential);
		assertThat(exportedAfter.get(0).keySet()).containsExactlyElementsOf(section().columns());
	}

	@Test
	void aPersonHoldingBothScopesSeesTheirOwnDisclosuresAsAnySubjectDoes() {
		String sub = "both-" + UUID.randomUUID();
		PortalClient both = as(sub, List.of(Scopes.SELF, Scopes.STAFF), sub + "@example.com", "Staff Subject");
		String subjectId = both.document("me").text("data.me.id");
		record(subjectId, "Police", "LEGAL_PROCESS", clock.instant().plus(Duration.ofDays(30)));

		GraphQlResponse own = both.document("myDisclosures");

		assertThat(own.path("data.me.disclosures.totalCount").asInt()).isZero();
		assertThat(both.document("subjectDisclosures", "id", subjectId).path("data.subject.disclosures.totalCount").asInt())
			.isEqualTo(1);
	}

	@Test
	void disclosuresAreNewestFirstAndPage() {
		String subjectId = newSubject().document("me").text("data.me.id");
		List<String> ids = new ArrayList<>();
		for (int days = 5; days >= 1; days--) {
			ids.add(recordAt(subjectId, clock.instant().minus(Duration.ofDays(days))));
		}
		Collections.reverse(ids);

		List<String> seen = new ArrayList<>();
		String after = null;
		do {
			GraphQlResponse page = after == null ? staff().document("subjectDisclosures", "id", subjectId, "first", 2)
					: staff().document("subjectDisclosures", "id", subjectId, "first", 2, "after", after);
			page.path("data.subject.disclosures.edges").forEach(e -> seen.add(e.path("node").path("id").asString()));
			after = page.path("data.subject.disclosures.pageInfo.hasNextPage").asBoolean()
					? page.text("data.subject.disclosures.pageInfo.endCursor") : null;
		}
		while (after != null);

		assertThat(seen).containsExactlyElementsOf(ids);
	}

	@Test
	void badDisclosureInputIsInvalidNamingTheFieldAndRecordsNothing() {
		String subjectId = newSubject().document("me").text("data.me.id");
		Instant past = clock.instant().minus(Duration.ofDays(1));
		List<String> twentyOne = IntStream.range(0, 21).mapToObj(i -> "category " + i).toList();

		assertInvalid(input(subjectId, " ", "SAFETY", List.of("email"), past, null), "recipient");
		assertInvalid(input(subjectId, "x".repeat(201), "SAFETY", List.of("email"), past, null), "recipient");
		assertInvalid(input(subjectId, "Court", "SAFETY", List.of(), past, null), "dataCategories");
		assertInvalid(input(subjectId, "Court", "SAFETY", twentyOne, past, null), "dataCategories");
		assertInvalid(input(subjectId, "Court", "SAFETY", List.of("email", " "), past, null), "1");
		assertInvalid(input(subjectId, "Court", "SAFETY", List.of("x".repeat(101)), past, null), "0");
		assertInvalid(input(subjectId, "Court", "SAFETY", List.of("Email", "email "), past, null), "1");
		assertInvalid(input(subjectId, "Court", "SAFETY", List.of("email"), clock.instant().plus(Duration.ofMinutes(5)),
				null), "disclosedAt");
		assertInvalid(input(subjectId, "Court", "SAFETY", List.of("email"), past, past), "confidentialUntil");
		assertInvalid(input(subjectId, "Court", "SAFETY", List.of("email"), past, past.minusSeconds(1)),
				"confidentialUntil");
		assertThat(staff().document("subjectDisclosures", "id", subjectId).path("data.subject.disclosures.totalCount")
			.asInt()).isZero();
		assertThat(staff()
			.document("recordDisclosure", "input",
					input(subjectId, "x".repeat(200), "SAFETY", IntStream.range(0, 20).mapToObj(i -> "c" + i).toList(),
							past, null))
			.path("data.recordDisclosure.userErrors")).isEmpty();
	}

	@Test
	void aDisclosureForAnUnknownSubjectIsNotFound() {
		GraphQlResponse response = staff().document("recordDisclosure", "input",
				input(UUID.randomUUID().toString(), "Court", "LEGAL_PROCESS", List.of("email"),
						clock.instant().minusSeconds(60), null));

		assertThat(response.errorClassifications()).containsExactly("NOT_FOUND");
		assertThat(response.path("data").isNull()).isTrue();
	}

	@Test
	void selfCallersCannotRecordDisclosures() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");

		GraphQlResponse response = alice.document("recordDisclosure", "input",
				input(subjectId, "Myself", "SAFETY", List.of("email"), clock.instant().minusSeconds(60), null));

		assertThat(response.errorClassifications()).containsExactly("FORBIDDEN");
		assertThat(anonymous().document("recordDisclosure", "input",
				input(subjectId, "Myself", "SAFETY", List.of("email"), clock.instant().minusSeconds(60), null)).status())
			.isEqualTo(401);
		assertThat(alice.document("myDisclosures").path("data.me.disclosures.totalCount").asInt()).isZero();
	}

	@Test
	void erasureKeepsTheLegalRecordAndMarksTheSubjectErased() {
		String subjectId = newSubject().document("me").text("data.me.id");
		String id = record(subjectId, "Court", "LEGAL_PROCESS", null);
		PersonalDataEraser eraser = erasers.stream()
			.filter(e -> e.collections().contains("disclosures"))
			.findFirst()
			.orElseThrow();

		eraser.erase(subjectId);
		Document erased = mongo.getCollection("disclosures").find(new Document("_id", id)).first();
		clock.advance(Duration.ofHours(1));
		eraser.erase(subjectId);
		Document again = mongo.getCollection("disclosures").find(new Document("_id", id)).first();

		assertThat(erased.getString("recipient")).isEqualTo("Court");
		assertThat(erased.get("subjectErasedAt")).isNotNull();
		assertThat(again).isEqualTo(erased);
	}

	private String record(String subjectId, String recipient, String basis, Instant confidentialUntil) {
		GraphQlResponse response = staff().document("recordDisclosure", "input", input(subjectId, recipient, basis,
				List.of("email address"), clock.instant().minusSeconds(60), confidentialUntil));
		assertThat(response.path("data.recordDisclosure.userErrors")).as(response.rawBody()).isEmpty();
		return response.text("data.recordDisclosure.disclosure.id");
	}

	private String recordAt(String subjectId, Instant disclosedAt) {
		GraphQlResponse response = staff().document("recordDisclosure", "input",
				input(subjectId, "Court", "LEGAL_PROCESS", List.of("email"), disclosedAt, null));
		return response.text("data.recordDisclosure.disclosure.id");
	}

	private void assertInvalid(Map<String, Object> input, String fieldPart) {
		GraphQlResponse response = staff().document("recordDisclosure", "input", input);
		assertThat(response.userErrorCodes("data.recordDisclosure")).as(response.rawBody()).containsExactly("INVALID");
		assertThat(response.path("data.recordDisclosure.userErrors.0.field").toString()).contains("\"" + fieldPart + "\"");
		assertThat(response.path("data.recordDisclosure.disclosure").isNull()).isTrue();
	}

	private static Map<String, Object> input(String subjectId, String recipient, String basis, List<String> categories,
			Instant disclosedAt, Instant confidentialUntil) {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("subjectId", subjectId);
		input.put("recipient", recipient);
		input.put("basis", basis);
		input.put("dataCategories", categories);
		input.put("disclosedAt", disclosedAt.toString());
		if (confidentialUntil != null) {
			input.put("confidentialUntil", confidentialUntil.toString());
		}
		return input;
	}

	private PersonalDataSection section() {
		return sections.stream().filter(s -> s.key().equals("disclosures")).findFirst().orElseThrow();
	}

	private List<Map<String, Object>> rows(String subjectId) {
		List<Map<String, Object>> rows = new ArrayList<>();
		section().rows(subjectId, rows::add);
		return rows;
	}

}
