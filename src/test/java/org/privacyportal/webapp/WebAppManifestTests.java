package org.privacyportal.webapp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app's persisted-query manifest is exactly its operations, each valid against the schema.
 * After changing {@code operations.js}, regenerate it with
 * {@code ./mvnw test -Dtest=WebAppManifestTests -Dwebapp.manifest.write=true}.
 */
class WebAppManifestTests extends PortalIntegrationTest {

	private static final Path APP = Path.of("src/main/resources/static/app");

	private static final Pattern OPERATION = Pattern.compile("export const (\\w+) = `([^`]*)`;");

	private static final Pattern NAME = Pattern.compile("^(query|mutation|subscription) (\\w+)");

	@Autowired
	private GraphQlSource graphQl;

	@Test
	void theManifestHoldsEveryOperationOfTheAppAndEachIsValid() throws IOException {
		List<Map<String, String>> operations = new ArrayList<>();
		Matcher matcher = OPERATION.matcher(Files.readString(APP.resolve("operations.js")));
		while (matcher.find()) {
			String body = matcher.group(2);
			Matcher name = NAME.matcher(body);
			assertThat(name.find()).as("operation %s is named", matcher.group(1)).isTrue();
			assertThat(name.group(2)).isEqualTo(matcher.group(1));
			assertThat(ParseAndValidate.parseAndValidate(graphQl.schema(), ExecutionInput.newExecutionInput(body).build())
				.getErrors()).as(name.group(2)).isEmpty();
			Map<String, String> operation = new LinkedHashMap<>();
			operation.put("id", sha256(body));
			operation.put("name", name.group(2));
			operation.put("type", name.group(1));
			operation.put("body", body);
			operations.add(operation);
		}
		Map<String, Object> manifest = new LinkedHashMap<>();
		manifest.put("format", "apollo-persisted-query-manifest");
		manifest.put("version", 1);
		manifest.put("operations", operations);
		JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		Path file = APP.resolve("persisted-query-manifest.json");
		if (Boolean.getBoolean("webapp.manifest.write")) {
			Files.writeString(file, json.writeValueAsString(manifest) + "\n");
		}

		assertThat(operations).hasSizeGreaterThan(15);
		assertThat(json.readTree(Files.readString(file))).as("regenerate with -Dwebapp.manifest.write=true")
			.isEqualTo(json.valueToTree(manifest));
	}

	@Test
	void theJarServesTheAppAndItsConfiguration() {
		GraphQlResponse index = anonymous().get("/app/");
		GraphQlResponse config = anonymous().get("/app/config.json");
		GraphQlResponse script = anonymous().get("/app/app.js");
		GraphQlResponse bare = anonymous().get("/app");

		assertThat(index.status()).isEqualTo(200);
		assertThat(index.rawBody()).contains("<script type=\"module\" src=\"app.js\">");
		assertThat(bare.status()).isEqualTo(302);
		assertThat(bare.headers().firstValue("Location").orElseThrow()).endsWith("/app/");
		assertThat(script.status()).isEqualTo(200);
		assertThat(script.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
		JsonNode body = config.body();
		assertThat(body.path("api").asString()).isEmpty();
		assertThat(body.path("issuer").isNull()).isTrue();
		assertThat(body.path("clientId").asString()).isEqualTo("privacy-portal-spa");
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
