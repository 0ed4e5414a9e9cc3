package org.privacyportal.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** A cursor is the portal's own: one reshaped to carry anything but sort values is refused. */
class CursorTests extends PortalIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.shared();

	@Test
	void aRealCursorPagesOn() {
		PortalClient subject = withHistory();
		GraphQlResponse first = subject.document("consentHistory", "first", 1);

		GraphQlResponse next = subject.document("consentHistory", "first", 1, "after", endCursor(first));

		assertThat(next.hasErrors()).isFalse();
		assertThat(next.text("data.me.consents.history.edges.0.node.id"))
			.isNotEqualTo(first.text("data.me.consents.history.edges.0.node.id"));
	}

	@Test
	void aCursorCarryingAnOperatorDocumentOrAListIsABadRequest() {
		PortalClient subject = withHistory();
		String cursor = endCursor(subject.document("consentHistory", "first", 1));

		for (String value : new String[] { "[\"java.util.LinkedHashMap\",{\"$where\":\"sleep(100)\"}]",
				"[\"java.util.ArrayList\",[1,2]]", "{\"$gt\":0}" }) {
			GraphQlResponse response = subject.document("consentHistory", "first", 1, "after", withSortValue(cursor, value));

			assertThat(response.errorClassifications()).as(value).containsExactly("BAD_REQUEST");
			assertThat(response.rawBody()).doesNotContain("INTERNAL_ERROR").doesNotContain("$where");
		}
	}

	@Test
	void aCursorWithAnOperatorAsItsFieldNameIsABadRequest() {
		PortalClient subject = withHistory();
		String cursor = endCursor(subject.document("consentHistory", "first", 1));
		JsonNode keys = keysOf(decode(cursor));
		String forged = decode(cursor).replace("\"" + keys.propertyNames().iterator().next() + "\"", "\"$where\"");

		GraphQlResponse response = subject.document("consentHistory", "first", 1, "after", encode(forged));

		assertThat(response.errorClassifications()).containsExactly("BAD_REQUEST");
	}

	/** A subject with two consent changes, so the history has two pages of one. */
	private PortalClient withHistory() {
		PortalClient subject = newSubject();
		for (boolean granted : new boolean[] { false, true }) {
			subject.document("updateConsents", "changes", List.of(Map.of("purposeKey", "analytics", "granted", granted)));
		}
		return subject;
	}

	private static String endCursor(GraphQlResponse page) {
		String cursor = page.text("data.me.consents.history.pageInfo.endCursor");
		assertThat(cursor).as(page.rawBody()).isNotBlank();
		return cursor;
	}

	/** The cursor with its first sort value replaced by raw JSON. */
	private static String withSortValue(String cursor, String json) {
		String decoded = decode(cursor);
		ObjectNode keys = (ObjectNode) keysOf(decoded);
		String field = keys.propertyNames().iterator().next();
		String original = JSON.writeValueAsString(keys);
		keys.set(field, JSON.readTree(json));
		return encode(decoded.replace(original, JSON.writeValueAsString(keys)));
	}

	/** {@code K_} and the keys as JSON, which Spring may wrap with a type id. */
	private static JsonNode keysOf(String decoded) {
		JsonNode tree = JSON.readTree(decoded.substring(2));
		return tree.isArray() ? tree.path(1) : tree;
	}

	private static String decode(String cursor) {
		return new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
	}

	private static String encode(String decoded) {
		return Base64.getEncoder().encodeToString(decoded.getBytes(StandardCharsets.UTF_8));
	}

}
