package org.privacyportal.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.privacyportal.personaldata.PersonalData;
import org.privacyportal.personaldata.PersonalDataEraser;
import org.privacyportal.personaldata.PersonalDataSection;
import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Versions published here take effect in the future of the real time, and tests reach them by
 * moving the clock past every version published so far: the version in force at the real time
 * stays the seeded one for the rest of the suite.
 */
class PolicyTests extends PortalIntegrationTest {

	@Autowired
	private PersonalData personalData;

	@Test
	void thePolicyInForceIsPublicAndCoversElevenSections() {
		GraphQlResponse response = anonymous().document("publicCatalog");

		assertThat(response.text("data.privacyPolicy.version")).isEqualTo(PolicyService.FIRST_VERSION);
		assertThat(response.text("data.privacyPolicy.summary")).isNotBlank().doesNotStartWith("#");
		String text = response.text("data.privacyPolicy.text");
		for (int section = 1; section <= 11; section++) {
			assertThat(text).contains("## " + section + ". ");
		}
		assertThat(text).doesNotContain("Genesys");
	}

	@Test
	void theSummaryIsTheFirstParagraphAfterTheTitle() {
		assertThat(PolicyService.summaryOf("# Title\n\nFirst line\nsecond line.\n\n## 1. Notice\n\nBody"))
			.isEqualTo("First line second line.");
	}

	@Test
	void aVersionPublishedForNextMonthTakesOverOnItsDate() {
		Instant start = moveClockPastEveryVersion();
		String before = anonymous().document("publicCatalog").text("data.privacyPolicy.version");
		String version = newVersion();
		Instant nextMonth = start.plus(30, ChronoUnit.DAYS);

		GraphQlResponse published = publish(admin(), version, nextMonth, true);

		assertThat(published.path("data.publishPolicyVersion.userErrors")).isEmpty();
		assertThat(published.text("data.publishPolicyVersion.policy.version")).isEqualTo(version);
		assertThat(Instant.parse(published.text("data.publishPolicyVersion.policy.effectiveAt"))).isEqualTo(nextMonth);
		assertThat(published.path("data.publishPolicyVersion.policy.material").asBoolean()).isTrue();
		assertThat(versionInForce()).isEqualTo(before);
		assertThat(latestVersions().path("edges").get(0).path("node").path("version").asString()).isEqualTo(version);

		clock.advance(Duration.ofDays(30).minusSeconds(1));
		assertThat(versionInForce()).isEqualTo(before);
		clock.advance(Duration.ofSeconds(1));
		GraphQlResponse inForce = anonymous().document("publicCatalog");
		assertThat(inForce.text("data.privacyPolicy.version")).isEqualTo(version);
		assertThat(inForce.text("data.privacyPolicy.summary")).isEqualTo("What changed in " + version);
		assertThat(inForce.text("data.privacyPolicy.text")).startsWith("# Privacy Policy " + version);
	}

	@Test
	void theVersionListIsPublicNewestEffectiveFirstAndPaged() {
		Instant start = moveClockPastEveryVersion();
		String older = newVersion();
		String newer = newVersion();
		publish(admin(), older, start.plus(1, ChronoUnit.DAYS), false);
		publish(admin(), newer, start.plus(2, ChronoUnit.DAYS), false);

		GraphQlResponse first = anonymous().document("policyVersions", "first", 1);
		GraphQlResponse second = anonymous().document("policyVersions", "first", 1, "after",
				first.text("data.policyVersions.pageInfo.endCursor"));

		assertThat(first.text("data.policyVersions.edges.0.node.version")).isEqualTo(newer);
		assertThat(first.path("data.policyVersions.pageInfo.hasNextPage").asBoolean()).isTrue();
		assertThat(first.path("data.policyVersions.totalCount").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(second.text("data.policyVersions.edges.0.node.version")).isEqualTo(older);
	}

	@Test
	void aVersionLabelCanBePublishedOnlyOnce() {
		Instant start = moveClockPastEveryVersion();
		String version = newVersion();
		publish(admin(), version, start.plus(1, ChronoUnit.DAYS), false);
		long published = versionCount();

		GraphQlResponse again = publish(admin(), version, start.plus(2, ChronoUnit.DAYS), true);

		assertThat(again.userErrorCodes("data.publishPolicyVersion")).containsExactly("CONFLICT");
		assertThat(again.path("data.publishPolicyVersion.userErrors.0.field").toString()).contains("version");
		assertThat(again.path("data.publishPolicyVersion.policy").isNull()).isTrue();
		assertThat(versionCount()).isEqualTo(published);
	}

	@Test
	void blankOverlongAndMalformedFieldsAreInvalidAndNothingIsPublished() {
		Instant start = moveClockPastEveryVersion();
		Instant tomorrow = start.plus(1, ChronoUnit.DAYS);
		long published = versionCount();

		List<String> fields = new ArrayList<>();
		fields.addAll(invalidFields(admin().document("publishPolicyVersion", "version", " ", "effectiveAt",
				tomorrow.toString(), "summary", "", "text", " \n ", "material", false)));
		fields.addAll(invalidFields(admin().document("publishPolicyVersion", "version", "v".repeat(41), "effectiveAt",
				tomorrow.toString(), "summary", "s".repeat(1_001), "text", "t".repeat(200_001), "material", false)));
		fields.addAll(invalidFields(publish(admin(), "2.0 <b>final</b>", tomorrow, false)));

		assertThat(fields).containsExactly("version", "summary", "text", "version", "summary", "text", "version");
		assertThat(versionCount()).isEqualTo(published);
	}

	@Test
	void anEffectiveDateBeforeTheVersionInForceIsInvalid() {
		Instant start = moveClockPastEveryVersion();
		Instant inForceSince = Instant.parse(latestVersions().path("edges").get(0).path("node").path("effectiveAt").asString());
		assertThat(inForceSince).isBefore(start);

		GraphQlResponse response = publish(admin(), newVersion(), inForceSince.minusSeconds(1), true);

		assertThat(invalidFields(response)).containsExactly("effectiveAt");
	}

	@Test
	void aDateAlreadyPastTakesEffectOnPublicationNeverRetroactively() {
		Instant now = moveClockPastEveryVersion();
		String version = newVersion();

		GraphQlResponse response = publish(admin(), version, now.minus(12, ChronoUnit.HOURS), false);

		assertThat(response.path("data.publishPolicyVersion.userErrors")).isEmpty();
		assertThat(Instant.parse(response.text("data.publishPolicyVersion.policy.effectiveAt"))).isEqualTo(now);
		assertThat(versionInForce()).isEqualTo(version);
	}

	@Test
	void onlyAnAdminMayPublish() {
		Instant tomorrow = moveClockPastEveryVersion().plus(1, ChronoUnit.DAYS);
		long published = versionCount();

		GraphQlResponse byStaff = publish(staff(), newVersion(), tomorrow, false);
		GraphQlResponse bySubject = publish(newSubject(), newVersion(), tomorrow, false);
		GraphQlResponse byNobody = publish(anonymous(), newVersion(), tomorrow, false);

		assertThat(byStaff.errorClassifications()).containsExactly("FORBIDDEN");
		assertThat(byStaff.path("data").isNull()).isTrue();
		assertThat(bySubject.errorClassifications()).containsExactly("FORBIDDEN");
		assertThat(byNobody.status()).isEqualTo(401);
		assertThat(versionCount()).isEqualTo(published);
	}

	@Test
	void consentEventsNameTheVersionInForceWhenTheyWereMade() {
		Instant start = moveClockPastEveryVersion();
		PortalClient alice = newSubject();
		String before = versionInForce();
		String version = newVersion();
		publish(admin(), version, start.plus(7, ChronoUnit.DAYS), false);

		alice.document("updateConsents", "changes", List.of(Map.of("purposeKey", "analytics", "granted", false)));
		clock.advance(Duration.ofDays(7));
		alice.document("updateConsents", "changes", List.of(Map.of("purposeKey", "analytics", "granted", true)));

		JsonNode edges = alice.document("consentHistory").path("data.me.consents.history.edges");
		assertThat(edges.get(0).path("node").path("policyVersion").asString()).isEqualTo(version);
		assertThat(edges.get(1).path("node").path("policyVersion").asString()).isEqualTo(before);
	}

	@Test
	void aSubjectAcknowledgesTheVersionInForceOnce() {
		moveClockPastEveryVersion();
		PortalClient alice = newSubject();
		GraphQlResponse fresh = alice.document("policyAcknowledgement");
		String version = fresh.text("data.privacyPolicy.version");
		assertThat(fresh.path("data.me.policyAcknowledgement").isNull()).isTrue();
		assertThat(fresh.path("data.me.policyAcknowledgementRequired").asBoolean()).isTrue();

		GraphQlResponse first = alice.document("acknowledgePolicy", "version", version);
		clock.advance(Duration.ofMinutes(5));
		GraphQlResponse again = alice.document("acknowledgePolicy", "version", version);

		assertThat(first.path("data.acknowledgePolicy.userErrors")).isEmpty();
		assertThat(first.text("data.acknowledgePolicy.acknowledgement.version")).isEqualTo(version);
		assertThat(again.text("data.acknowledgePolicy.acknowledgement.at"))
			.isEqualTo(first.text("data.acknowledgePolicy.acknowledgement.at"));
		GraphQlResponse me = alice.document("policyAcknowledgement");
		assertThat(me.text("data.me.policyAcknowledgement.version")).isEqualTo(version);
		assertThat(me.path("data.me.policyAcknowledgementRequired").asBoolean()).isFalse();
		assertThat(acknowledgementsAudited(alice)).isEqualTo(1);
	}

	@Test
	void onlyTheVersionInForceCanBeAcknowledged() {
		Instant start = moveClockPastEveryVersion();
		PortalClient alice = newSubject();
		String upcoming = newVersion();
		publish(admin(), upcoming, start.plus(1, ChronoUnit.DAYS), true);

		GraphQlResponse future = alice.document("acknowledgePolicy", "version", upcoming);
		GraphQlResponse unknown = alice.document("acknowledgePolicy", "version", "no-such-version");

		assertThat(future.userErrorCodes("data.acknowledgePolicy")).containsExactly("INVALID");
		assertThat(future.path("data.acknowledgePolicy.userErrors.0.field").toString()).contains("version");
		assertThat(unknown.userErrorCodes("data.acknowledgePolicy")).containsExactly("INVALID");
		assertThat(alice.document("policyAcknowledgement").path("data.me.policyAcknowledgement").isNull()).isTrue();
	}

	@Test
	void aMaterialChangeAsksAgainAndANonMaterialOneDoesNot() {
		Instant start = moveClockPastEveryVersion();
		PortalClient alice = newSubject();
		String acknowledged = versionInForce();
		alice.document("acknowledgePolicy", "version", acknowledged);
		String minor = newVersion();
		String major = newVersion();
		publish(admin(), minor, start.plus(1, ChronoUnit.DAYS), false);
		publish(admin(), major, start.plus(2, ChronoUnit.DAYS), true);

		clock.advance(Duration.ofDays(1));
		GraphQlResponse afterMinor = alice.document("policyAcknowledgement");
		assertThat(afterMinor.text("data.privacyPolicy.version")).isEqualTo(minor);
		assertThat(afterMinor.text("data.me.policyAcknowledgement.version")).isEqualTo(acknowledged);
		assertThat(afterMinor.path("data.me.policyAcknowledgementRequired").asBoolean()).isFalse();

		clock.advance(Duration.ofDays(1));
		GraphQlResponse afterMajor = alice.document("policyAcknowledgement");
		assertThat(afterMajor.text("data.privacyPolicy.version")).isEqualTo(major);
		assertThat(afterMajor.path("data.me.policyAcknowledgement").isNull()).isTrue();
		assertThat(afterMajor.path("data.me.policyAcknowledgementRequired").asBoolean()).isTrue();

		alice.document("acknowledgePolicy", "version", major);
		GraphQlResponse reacknowledged = alice.document("policyAcknowledgement");
		assertThat(reacknowledged.text("data.me.policyAcknowledgement.version")).isEqualTo(major);
		assertThat(reacknowledged.path("data.me.policyAcknowledgementRequired").asBoolean()).isFalse();
	}

	@Test
	void staffSeeEachSubjectsAcknowledgementInTheirList() {
		moveClockPastEveryVersion();
		PortalClient alice = newSubject();
		PortalClient bob = newSubject();
		String version = versionInForce();
		alice.document("acknowledgePolicy", "version", version);
		String aliceId = alice.query("{ me { id } }").text("data.me.id");
		String bobId = bob.query("{ me { id } }").text("data.me.id");

		GraphQlResponse list = staff().query("""
				query { subjects(first: 100) { edges { node { id policyAcknowledgement { version } policyAcknowledgementRequired } } } }
				""");

		Map<String, JsonNode> byId = new HashMap<>();
		list.path("data.subjects.edges").forEach(edge -> byId.put(edge.path("node").path("id").asString(), edge.path("node")));
		assertThat(byId.get(aliceId).path("policyAcknowledgement").path("version").asString()).isEqualTo(version);
		assertThat(byId.get(aliceId).path("policyAcknowledgementRequired").asBoolean()).isFalse();
		assertThat(byId.get(bobId).path("policyAcknowledgement").isNull()).isTrue();
		assertThat(byId.get(bobId).path("policyAcknowledgementRequired").asBoolean()).isTrue();
	}

	@Test
	void acknowledgingIsForSubjectsOnly() {
		String version = versionInForce();

		assertThat(staff().document("acknowledgePolicy", "version", version).errorClassifications())
			.containsExactly("FORBIDDEN");
		assertThat(anonymous().document("acknowledgePolicy", "version", version).status()).isEqualTo(401);
	}

	@Test
	void acknowledgementsAreExportedAndErased() {
		moveClockPastEveryVersion();
		PortalClient alice = newSubject();
		String version = versionInForce();
		alice.document("acknowledgePolicy", "version", version);
		String subjectId = alice.query("{ me { id } }").text("data.me.id");
		PersonalDataSection section = personalData.section(PolicyConfiguration.ACKNOWLEDGEMENTS);
		PersonalDataEraser eraser = personalData.eraser(PolicyConfiguration.ACKNOWLEDGEMENTS);

		List<Map<String, Object>> rows = new ArrayList<>();
		section.rows(subjectId, rows::add);
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0)).containsEntry("version", version).containsKeys(section.columns().toArray(String[]::new));

		eraser.erase(subjectId);
		eraser.erase(subjectId);

		rows.clear();
		section.rows(subjectId, rows::add);
		assertThat(rows).isEmpty();
		assertThat(alice.document("policyAcknowledgement").path("data.me.policyAcknowledgement").isNull()).isTrue();
	}

	/** Moves the clock one day past the latest effective date published so far; answers the new now. */
	private Instant moveClockPastEveryVersion() {
		Instant latest = Instant.parse(latestVersions().path("edges").get(0).path("node").path("effectiveAt").asString());
		Instant target = (latest.isAfter(clock.instant()) ? latest : clock.instant()).plus(1, ChronoUnit.DAYS)
			.truncatedTo(ChronoUnit.MILLIS);
		clock.advance(Duration.between(clock.instant(), target));
		return clock.instant();
	}

	private JsonNode latestVersions() {
		return anonymous().document("policyVersions", "first", 1).path("data.policyVersions");
	}

	private long versionCount() {
		return latestVersions().path("totalCount").asLong();
	}

	private String versionInForce() {
		return anonymous().document("publicCatalog").text("data.privacyPolicy.version");
	}

	private static String newVersion() {
		return "t-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static GraphQlResponse publish(PortalClient caller, String version, Instant effectiveAt, boolean material) {
		return caller.document("publishPolicyVersion", "version", version, "effectiveAt", effectiveAt.toString(),
				"summary", "What changed in " + version, "text", "# Privacy Policy " + version + "\n\nText.", "material",
				material);
	}

	private static List<String> invalidFields(GraphQlResponse response) {
		assertThat(response.userErrorCodes("data.publishPolicyVersion")).containsOnly("INVALID");
		assertThat(response.path("data.publishPolicyVersion.policy").isNull()).isTrue();
		List<String> fields = new ArrayList<>();
		response.path("data.publishPolicyVersion.userErrors")
			.forEach(error -> fields.add(error.path("field").get(error.path("field").size() - 1).asString()));
		return fields;
	}

	private long acknowledgementsAudited(PortalClient subject) {
		String id = subject.query("{ me { id } }").text("data.me.id");
		long count = 0;
		for (JsonNode edge : staff().document("auditTrail", "subjectId", id, "first", 100)
			.path("data.auditTrail.edges")) {
			if (edge.path("node").path("action").asString().equals("policy.acknowledged")) {
				count++;
			}
		}
		return count;
	}

}
