package org.privacyportal.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /graphql} for queries, as CDNs and Apollo's GET persisted queries use it. */
class GraphQlGetTests extends PortalIntegrationTest {

	@Test
	void aPublicQueryOverGetMayBeCachedBriefly() {
		GraphQlResponse response = anonymous().get(url("query", "{ privacyPolicy { version } consentPurposes { key } }"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text("data.privacyPolicy.version")).isNotBlank();
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=60, public");
		assertThat(response.headers().allValues("Vary").toString()).contains("Authorization");
	}

	@Test
	void aCachedAnswerVariesByOriginSoACdnKeepsOnePerApp() {
		GraphQlResponse response = anonymous().header("Origin", "http://localhost:5173")
			.get(url("query", "{ consentPurposes { key } }"));

		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
		assertThat(String.join(",", response.headers().allValues("Vary"))).contains("Origin", "Authorization",
				"Accept-Language");
	}

	@Test
	void anAnswerToATokenIsNeverStored() {
		PortalClient subject = newSubject();

		GraphQlResponse response = subject.get(url("query", "query Me { me { id } }", "operationName", "Me"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text("data.me.id")).isNotBlank();
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
	}

	@Test
	void variablesComeAsJsonAndAnErrorIsNotCached() {
		String document = "query History($first: Int) { me { consents { history(first: $first) { totalCount } } } }";

		GraphQlResponse ok = newSubject().get(url("query", document, "variables", "{\"first\": 5}"));
		GraphQlResponse tooMany = anonymous().get(url("query", "{ consentPurposes { nope } }"));

		assertThat(ok.hasErrors()).isFalse();
		assertThat(ok.path("data.me.consents.history.totalCount").asInt()).isZero();
		assertThat(tooMany.errorClassifications()).containsExactly("ValidationError");
		assertThat(tooMany.headers().firstValue("Cache-Control")).hasValue("no-store");
	}

	@Test
	void aMutationOverGetIs405AndChangesNothing() {
		PortalClient subject = newSubject();
		subject.document("me");
		String mutation = "mutation { updateConsents(input: {changes: [{purposeKey: \"analytics\", granted: false}]}) { userErrors { code } } }";

		GraphQlResponse response = subject.get(url("query", mutation));

		assertThat(response.status()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).hasValue("POST");
		assertThat(response.errorClassifications()).containsExactly("METHOD_NOT_ALLOWED");
		assertThat(subject.document("consentHistory").path("data.me.consents.history.totalCount").asInt()).isZero();
	}

	@Test
	void aPersistedQueryRunsOverGetByItsHashAlone() {
		String document = PersistedQueryTests.uniqueDocument("{ consentPurposes { key basis } }");
		String hash = PersistedQueryTests.sha256(document);
		String extensions = "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}";

		GraphQlResponse miss = anonymous().get(url("extensions", extensions));
		GraphQlResponse register = anonymous().get(url("query", document, "extensions", extensions));
		GraphQlResponse hit = anonymous().get(url("extensions", extensions));

		assertThat(miss.errorClassifications()).containsExactly("PERSISTED_QUERY_NOT_FOUND");
		assertThat(miss.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(register.hasErrors()).isFalse();
		assertThat(hit.path("data")).isEqualTo(register.path("data"));
		assertThat(hit.headers().firstValue("Cache-Control")).hasValue("max-age=60, public");
	}

	@Test
	void aGetWithoutADocumentOrWithVariablesThatAreNotJsonIsA400() {
		GraphQlResponse empty = anonymous().get("/graphql");
		GraphQlResponse badVariables = anonymous().get(url("query", "{ consentPurposes { key } }", "variables", "[1"));

		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.errorClassifications()).containsExactly("BAD_REQUEST");
		assertThat(badVariables.status()).isEqualTo(400);
		assertThat(badVariables.rawBody()).doesNotContain("Exception");
	}

	private static String url(String... parameters) {
		StringBuilder url = new StringBuilder("/graphql");
		for (int i = 0; i < parameters.length; i += 2) {
			url.append(i == 0 ? '?' : '&')
				.append(parameters[i])
				.append('=')
				.append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
		}
		return url.toString();
	}

}
