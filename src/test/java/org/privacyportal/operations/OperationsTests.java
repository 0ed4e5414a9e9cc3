package org.privacyportal.operations;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.privacyportal.PrivacyPortalApplication;
import org.privacyportal.security.Scopes;
import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal as an operator runs it: its own process (its logging is its own), started with
 * {@code MANAGEMENT_SERVER_PORT} and {@code PORTAL_LOG_FORMAT=json} as the README says, on its own
 * data directory.
 */
class OperationsTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	/** {@code name{label="value",…} value}, the lines of Prometheus' text format that carry a sample. */
	private static final Pattern SAMPLE = Pattern
		.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})? (\\S+)$");

	private static final long START_WAIT_SECONDS = 180;

	private static Process portal;

	private static final List<String> output = Collections.synchronizedList(new ArrayList<>());

	private static String publicUrl;

	private static String managementUrl;

	@BeforeAll
	static void startPortal() throws Exception {
		int port = freePort();
		int managementPort = freePort();
		String dataDir = "target/test-data/operations-" + UUID.randomUUID();
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-cp", System.getProperty("java.class.path"), PrivacyPortalApplication.class.getName(),
				"--server.port=" + port, "--portal.store.data-dir=" + dataDir, "--portal.identity.key-dir=" + dataDir,
				"--portal.operations.refresh-interval=PT0.2S")
			.redirectErrorStream(true);
		builder.environment().put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
		builder.environment().put("PORTAL_LOG_FORMAT", "json");
		builder.environment().remove("MONGODB_URI");
		portal = builder.start();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(portal.getInputStream(), StandardCharsets.UTF_8))) {
				lines.lines().forEach(output::add);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		reader.setDaemon(true);
		reader.start();
		publicUrl = "http://127.0.0.1:" + port;
		managementUrl = "http://127.0.0.1:" + managementPort;
		await(START_WAIT_SECONDS, () -> portal.isAlive() && reachable(publicUrl + "/readyz"));
		assertThat(portal.isAlive()).as("the portal started; its output:%n%s", String.join("\n", output)).isTrue();
	}

	@AfterAll
	static void stopPortal() throws InterruptedException {
		if (portal != null) {
			portal.destroy();
			portal.waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void theOperatorScrapesMetricsOnTheManagementPortAndThePublicCannot() {
		PortalClient subject = client(Scopes.SELF);
		GraphQlResponse submitted = subject.document("submitCorrection", "field", "ORGANIZATION", "proposedValue",
				"ACME");
		assertThat(submitted.hasErrors()).as(submitted.rawBody()).isFalse();

		List<String> figures = List.of("portal_cases_overdue{kind=\"correction\"}",
				"portal_cases_open{kind=\"complaint\"}", "portal_cases_open{kind=\"deletion\"}",
				"portal_exports_finished{outcome=\"built\"}", "portal_exports_finished{outcome=\"failed\"}",
				"portal_mails_finished{outcome=\"sent\"}", "portal_mails_finished{outcome=\"failed\"}",
				"portal_mails_oldest_unsent_age_seconds");
		// a sweep registers the figures one after the other: wait for the round that counted the request
		await(30, () -> {
			Map<String, Double> scraped = scrape();
			return sample(scraped, "portal_cases_open{kind=\"correction\"}") == 1.0
					&& scraped.keySet().containsAll(figures);
		});
		Map<String, Double> metrics = scrape();

		assertThat(metrics).containsEntry("portal_cases_overdue{kind=\"correction\"}", 0.0)
			.containsEntry("portal_cases_open{kind=\"complaint\"}", 0.0)
			.containsEntry("portal_cases_open{kind=\"deletion\"}", 0.0)
			.containsKeys(figures.toArray(String[]::new));
		assertThat(metrics).as("GraphQL requests and data fetchers are observed")
			.hasEntrySatisfying(
					"graphql_datafetcher_seconds_count{error=\"none\",graphql_error_type=\"NONE\",graphql_field_name=\"submitCorrectionRequest\",graphql_outcome=\"SUCCESS\"}",
					count -> assertThat(count).isEqualTo(1.0))
			.containsKey("graphql_request_seconds_count{error=\"none\",graphql_operation_type=\"mutation\",graphql_outcome=\"SUCCESS\"}");
		assertThat(metrics.keySet()).as("HTTP requests are observed, Spring Security's filters by default not")
			.anyMatch(name -> name.startsWith("http_server_requests_seconds_count{"))
			.noneMatch(name -> name.startsWith("spring_security_"));

		PortalClient admin = client(Scopes.ADMIN);
		for (String path : List.of("/actuator/prometheus", "/actuator/info", "/actuator/env")) {
			assertThat(PortalClient.of(publicUrl, null).get(path).status()).as(path).isIn(401, 404);
			assertThat(admin.get(path).status()).as(path).isIn(401, 403, 404);
		}
	}

	@Test
	void infoNamesTheVersionAndTheCommitForTheOperator() {
		GraphQlResponse info = PortalClient.of(managementUrl, null).get("/actuator/info");

		assertThat(info.status()).isEqualTo(200);
		assertThat(info.text("build.version")).isNotBlank();
		assertThat(info.text("git.commit.id")).isNotBlank();
	}

	@Test
	void logLinesAreJsonAndThoseOfARequestCarryItsExecutionId() {
		String version = "ops-" + UUID.randomUUID().toString().substring(0, 8);
		GraphQlResponse published = client(Scopes.ADMIN).document("publishPolicyVersion", "version", version,
				"effectiveAt", "2099-01-01T00:00:00Z", "summary", "Operations test", "text", "Text", "material", false);
		assertThat(published.hasErrors()).as(published.rawBody()).isFalse();

		await(30, () -> logLine("Policy: version " + version) != null);
		JsonNode line = logLine("Policy: version " + version);

		assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
		assertThat(line.path("executionId").asString()).matches("[0-9a-f-]{36}");
		List<String> lines;
		synchronized (output) {
			lines = List.copyOf(output);
		}
		assertThat(lines).isNotEmpty().allSatisfy(each -> assertThat(JSON.readTree(each).isObject()).isTrue());
	}

	private static JsonNode logLine(String messageStart) {
		synchronized (output) {
			return output.stream()
				.filter(line -> line.contains(messageStart))
				.map(JSON::readTree)
				.filter(json -> json.path("message").asString().startsWith(messageStart))
				.findFirst()
				.orElse(null);
		}
	}

	private static PortalClient client(String scope) {
		GraphQlResponse token = PortalClient.of(publicUrl, null)
			.post("/dev/tokens", "{\"sub\":\"ops-" + UUID.randomUUID() + "\",\"scopes\":[\"" + scope
					+ "\"],\"email\":\"ops@example.com\",\"name\":\"Ops Test\"}");
		return PortalClient.of(publicUrl, token.text("access_token"));
	}

	/** Every sample of a scrape by its name and labels; fails on a line that is not the text format. */
	private static Map<String, Double> scrape() {
		GraphQlResponse response = PortalClient.of(managementUrl, null).get("/actuator/prometheus");
		assertThat(response.status()).isEqualTo(200);
		Map<String, Double> samples = new HashMap<>();
		for (String line : response.rawBody().split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher sample = SAMPLE.matcher(line);
			assertThat(sample.matches()).as("a sample line: %s", line).isTrue();
			samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
					Double.parseDouble(sample.group(3)));
		}
		return samples;
	}

	private static double sample(Map<String, Double> samples, String key) {
		return samples.getOrDefault(key, Double.NaN);
	}

	private static boolean reachable(String url) {
		try {
			return PortalClient.of(url.substring(0, url.indexOf('/', 8)), null).get(url.substring(url.indexOf('/', 8)))
				.status() == 200;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static void await(long seconds, Supplier<Boolean> condition) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (!condition.get() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
