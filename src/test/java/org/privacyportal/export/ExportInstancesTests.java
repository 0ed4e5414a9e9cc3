package org.privacyportal.export;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.privacyportal.PrivacyPortalApplication;
import org.privacyportal.security.Scopes;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacyportal.export.ExportTestSupport.awaitStatus;

/**
 * A second application instance on the suite's store, started as production starts one: with
 * {@code MONGODB_URI} set and its own data directory. It shares the suite's issuer key so the same
 * tokens work on both.
 */
class ExportInstancesTests extends PortalIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final int SUBJECTS = 10;

	@Autowired
	private MongoConnectionDetails store;

	@Autowired
	private Environment environment;

	@Test
	void twoInstancesBuildEachExportExactlyOnce() throws Exception {
		String dataDir = "target/test-data/second-instance-" + UUID.randomUUID();
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(PrivacyPortalApplication.class).run(
				"--server.port=0", "--spring.mongodb.uri=" + store.getConnectionString().getConnectionString(),
				"--portal.store.data-dir=" + dataDir,
				"--portal.identity.key-dir=" + environment.getProperty("portal.identity.key-dir"),
				"--portal.export.poll-interval=100ms", "--spring.main.banner-mode=off")) {
			String secondUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) second).getWebServer().getPort();
			List<PortalClient> subjects = new ArrayList<>();
			List<String> exports = new ArrayList<>();
			for (int i = 0; i < SUBJECTS; i++) {
				String sub = "twin-" + UUID.randomUUID();
				String token = issuer.issue(sub, List.of(Scopes.SELF), sub + "@example.com", "Twin " + i);
				subjects.add(withToken(token));
				String format = i % 3 == 0 ? "ZIP" : "JSON";
				// requests alternate between the instances; each wakes its own worker at once
				JsonNode requested = i % 2 == 0 ? subjects.get(i).document("requestDataExport", "format", format).body()
						: request(secondUrl, token, format);
				exports.add(requested.path("data").path("requestDataExport").path("export").path("id").asString());
			}

			for (int i = 0; i < SUBJECTS; i++) {
				awaitStatus(subjects.get(i), exports.get(i), "READY");
			}

			Set<String> workers = new HashSet<>();
			for (String id : exports) {
				DataExport export = mongo.findById(id, DataExport.class);
				assertThat(export.attempts()).as("claims of " + id).isEqualTo(1);
				workers.add(export.worker());
				assertThat(mongo.getCollection(ExportFiles.FILES).countDocuments(new Document("metadata.exportId", id)))
					.as("files of " + id)
					.isEqualTo(1);
				List<String> actions = actions(export.subjectId());
				assertThat(actions.stream().filter("export.started"::equals)).as("starts of " + id).hasSize(1);
				assertThat(actions.stream().filter("export.ready"::equals)).as("completions of " + id).hasSize(1);
			}
			assertThat(workers).as("both instances built exports").hasSize(2);
		}
	}

	private List<String> actions(String subjectId) {
		List<String> actions = new ArrayList<>();
		mongo.find(Query.query(Criteria.where("subjectId").is(subjectId)), Document.class, "audit_events")
			.forEach(event -> actions.add(event.getString("action")));
		return actions;
	}

	private static JsonNode request(String baseUrl, String token, String format) throws Exception {
		String body = JSON.writeValueAsString(Map.of("query",
				"mutation($f: ExportFormat!) { requestDataExport(input: {format: $f}) { export { id } userErrors { code } } }",
				"variables", Map.of("f", format)));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(baseUrl + "/graphql"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + token)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		return JSON.readTree(response.body());
	}

}
