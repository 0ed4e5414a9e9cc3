package org.privacyportal.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.privacyportal.PrivacyPortalApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A second application in allow-list mode, as production runs it with
 * {@code PORTAL_PERSISTED_QUERIES_ONLY=true}; its own data directory keeps its store apart.
 */
class PersistedQueryAllowListTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String CATALOG = "query PublicCatalog { consentPurposes { key } }";

	private static final String MY_ID = "query MyId { me { id } }";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void onlyTheManifestsOperationsRunAndNothingElseIsEvenParsed() throws Exception {
		String dataDir = "target/test-data/allow-list-" + UUID.randomUUID();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PrivacyPortalApplication.class).run(
				"--server.port=0", "--portal.store.data-dir=" + dataDir, "--portal.identity.key-dir=" + dataDir,
				"--portal.graphql.persisted-queries=classpath:persisted-queries/allow-list.json",
				"--portal.graphql.persisted-queries-only=true")) {
			String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
			String token = post(base + "/dev/tokens", null, Map.of("sub", "allow-" + UUID.randomUUID(), "scopes",
					List.of("privacy.self"))).path("access_token").asString();

			JsonNode byHash = graphQl(base, null, null, PersistedQueryTests.sha256(CATALOG));
			JsonNode inFull = graphQl(base, null, CATALOG, null);
			JsonNode mineByHash = graphQl(base, token, null, PersistedQueryTests.sha256(MY_ID));
			JsonNode other = graphQl(base, token, "{ me { id profile { email } } }", null);
			String unlisted = "{ consentPurposes { key title } }";
			JsonNode registration = graphQl(base, null, unlisted, PersistedQueryTests.sha256(unlisted));
			JsonNode mutation = graphQl(base, token,
					"mutation { acknowledgePolicy(input: {version: \"1.0\"}) { userErrors { code } } }", null);
			JsonNode garbage = graphQl(base, null, "{ this is not graphql", null);

			assertThat(byHash.path("data").path("consentPurposes")).isNotEmpty();
			assertThat(inFull.path("data")).isEqualTo(byHash.path("data"));
			assertThat(mineByHash.path("data").path("me").path("id").asString()).isNotBlank();
			for (JsonNode refused : List.of(other, registration, mutation, garbage)) {
				assertThat(refused.path("errors").path(0).path("extensions").path("classification").asString())
					.isEqualTo("PERSISTED_QUERY_NOT_IN_LIST");
				assertThat(refused.path("data").isMissingNode() || refused.path("data").isNull()).isTrue();
			}
		}
	}

	@Test
	void allowListModeWithoutAManifestOrWithAnotherFormatDoesNotStart() {
		GraphQlConfiguration configuration = new GraphQlConfiguration();
		DefaultResourceLoader resources = new DefaultResourceLoader();
		StaticMessageSource messages = new StaticMessageSource();

		assertThatThrownBy(() -> configuration.documentCache(properties(null, true), resources, messages))
			.hasMessageContaining("PORTAL_PERSISTED_QUERIES");
		assertThatThrownBy(
				() -> configuration.documentCache(properties("classpath:persisted-queries/not-a-manifest.json", false), resources, messages))
			.hasMessageContaining("apollo-persisted-query-manifest");
		assertThatThrownBy(() -> configuration.documentCache(properties("target/no-such-manifest.json", false), resources, messages))
			.hasMessageContaining("no-such-manifest.json");
	}

	private static ClientProperties properties(String manifest, boolean only) {
		return new ClientProperties(manifest, only, 10, Duration.ofSeconds(60));
	}

	private JsonNode graphQl(String base, String token, String document, String hash) throws Exception {
		Map<String, Object> body = new LinkedHashMap<>();
		if (document != null) {
			body.put("query", document);
		}
		if (hash != null) {
			body.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
		}
		return post(base + "/graphql", token, body);
	}

	private JsonNode post(String url, String token, Map<String, Object> body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
	}

}
