package org.privacyportal.subject;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.privacyportal.security.Scopes;
import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectTests extends PortalIntegrationTest {

	@Test
	void theFirstMeRegistersTheSubjectFromTheToken() {
		String sub = "reg-" + UUID.randomUUID();
		PortalClient alice = as(sub, List.of(Scopes.SELF), "Alice." + sub + "@Example.com", "Alice Example");

		GraphQlResponse first = alice.document("me");
		GraphQlResponse second = alice.document("me");

		assertThat(first.hasErrors()).as(first.rawBody()).isFalse();
		assertThat(first.text("data.me.profile.fullName")).isEqualTo("Alice Example");
		assertThat(first.text("data.me.profile.email")).isEqualTo("Alice." + sub + "@Example.com");
		assertThat(first.path("data.me.collectionSources").get(0).asString()).isEqualTo("REGISTRATION");
		assertThat(first.text("data.me.registeredAt")).endsWith("Z");
		assertThat(second.text("data.me.id")).isEqualTo(first.text("data.me.id"));
		assertThat(second.text("data.me.registeredAt")).isEqualTo(first.text("data.me.registeredAt"));
	}

	@Test
	void concurrentFirstCallsCreateOneSubject() throws Exception {
		String sub = "race-" + UUID.randomUUID();
		PortalClient caller = as(sub, List.of(Scopes.SELF), sub + "@example.com", "Racer");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<String>> calls = java.util.stream.IntStream.range(0, 8)
				.<Callable<String>>mapToObj(i -> () -> caller.query("{ me { id } }").text("data.me.id"))
				.toList();
			Set<String> ids = new HashSet<>();
			for (Future<String> id : pool.invokeAll(calls)) {
				ids.add(id.get());
			}
			assertThat(ids).hasSize(1).doesNotContain("");
		}
		finally {
			pool.shutdown();
		}
		long stored = mongo.getCollection("subjects").countDocuments(new org.bson.Document("externalId", sub));
		assertThat(stored).isEqualTo(1);
	}

	@Test
	void staffReadAnySubjectAndGetNullForAnUnknownId() {
		PortalClient alice = newSubject();
		String id = alice.document("me").text("data.me.id");

		GraphQlResponse found = staff().document("subject", "id", id);
		GraphQlResponse missing = staff().document("subject", "id", UUID.randomUUID().toString());

		assertThat(found.text("data.subject.id")).isEqualTo(id);
		assertThat(found.path("data.subject.consents.purposes")).hasSize(6);
		assertThat(missing.hasErrors()).isFalse();
		assertThat(missing.path("data.subject").isNull()).isTrue();
	}

	@Test
	void staffSearchByEmailIgnoringCaseAndByPartOfTheName() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		PortalClient bob = as("bob-" + tag, List.of(Scopes.SELF), "Bob." + tag + "@Example.com", "Bob Zed" + tag);
		String id = bob.document("me").text("data.me.id");

		GraphQlResponse byEmail = staff().document("subjects", "filter", Map.of("email", "bob." + tag + "@example.COM"));
		GraphQlResponse byName = staff().document("subjects", "filter", Map.of("nameContains", "zed" + tag.toUpperCase()));
		GraphQlResponse none = staff().document("subjects", "filter", Map.of("email", "nobody-" + tag + "@example.com"));

		assertThat(byEmail.path("data.subjects.totalCount").asInt()).isEqualTo(1);
		assertThat(byEmail.text("data.subjects.edges.0.node.id")).isEqualTo(id);
		assertThat(byName.text("data.subjects.edges.0.node.id")).isEqualTo(id);
		assertThat(none.path("data.subjects.totalCount").asInt()).isZero();
		assertThat(none.path("data.subjects.edges")).isEmpty();
	}

	@Test
	void nameSearchTreatsRegexCharactersLiterally() {
		GraphQlResponse response = staff().document("subjects", "filter", Map.of("nameContains", ".*("));

		assertThat(response.hasErrors()).isFalse();
		assertThat(response.path("data.subjects.totalCount").asInt()).isZero();
	}

	@Test
	void subjectsPageWithCursorsNewestFirstWithoutGapsOrRepeats() {
		for (int i = 0; i < 3; i++) {
			newSubject().query("{ me { id } }");
		}
		int total = staff().document("subjects", "first", 0).path("data.subjects.totalCount").asInt();
		List<String> seen = new java.util.ArrayList<>();
		String after = null;
		do {
			GraphQlResponse page = after == null ? staff().document("subjects", "first", 2)
					: staff().document("subjects", "first", 2, "after", after);
			assertThat(page.hasErrors()).as(page.rawBody()).isFalse();
			page.path("data.subjects.edges").forEach(edge -> seen.add(edge.path("node").path("id").asString()));
			after = page.path("data.subjects.pageInfo.hasNextPage").asBoolean()
					? page.text("data.subjects.pageInfo.endCursor") : null;
		}
		while (after != null);

		assertThat(seen).hasSizeGreaterThanOrEqualTo(total).doesNotHaveDuplicates();
	}

	@Test
	void staffPlaceAndReleaseALegalHoldWhichSelfCallersCannotSee() {
		PortalClient alice = newSubject();
		String id = alice.document("me").text("data.me.id");

		GraphQlResponse placed = staff().document("setLegalHold", "subjectId", id, "hold", true, "reason", "Court order 42");

		assertThat(placed.path("data.setLegalHold.userErrors")).isEmpty();
		assertThat(placed.path("data.setLegalHold.subject.legalHold").asBoolean()).isTrue();
		assertThat(alice.document("me").path("data.me.legalHold").asBoolean()).isFalse();
		assertThat(staff().document("subjects", "filter", Map.of("legalHold", true)).rawBody()).contains(id);

		GraphQlResponse released = staff().document("setLegalHold", "subjectId", id, "hold", false, "reason", "Case closed");
		assertThat(released.path("data.setLegalHold.subject.legalHold").asBoolean()).isFalse();
	}

	@Test
	void aLegalHoldThatIsAlreadyInPlaceIsAConflictAndChangesNothing() {
		String id = newSubject().document("me").text("data.me.id");

		GraphQlResponse release = staff().document("setLegalHold", "subjectId", id, "hold", false, "reason", "nothing");

		assertThat(release.userErrorCodes("data.setLegalHold")).containsExactly("CONFLICT");
		assertThat(release.path("data.setLegalHold.subject").isNull()).isTrue();
	}

	@Test
	void aLegalHoldNeedsAReason() {
		String id = newSubject().document("me").text("data.me.id");

		GraphQlResponse blank = staff().document("setLegalHold", "subjectId", id, "hold", true, "reason", "  ");
		GraphQlResponse tooLong = staff().document("setLegalHold", "subjectId", id, "hold", true, "reason", "x".repeat(501));

		assertThat(blank.userErrorCodes("data.setLegalHold")).containsExactly("INVALID");
		assertThat(blank.path("data.setLegalHold.userErrors.0.field").toString()).contains("reason");
		assertThat(tooLong.userErrorCodes("data.setLegalHold")).containsExactly("INVALID");
		assertThat(staff().document("subject", "id", id).path("data.subject.legalHold").asBoolean()).isFalse();
	}

	@Test
	void aLegalHoldOnAnUnknownSubjectIsNotFound() {
		GraphQlResponse response = staff().document("setLegalHold", "subjectId", UUID.randomUUID().toString(), "hold", true,
				"reason", "Court order");

		assertThat(response.errorClassifications()).containsExactly("NOT_FOUND");
	}

}
