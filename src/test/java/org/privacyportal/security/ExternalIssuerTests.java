package org.privacyportal.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.privacyportal.PrivacyPortalApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second application, started the way production is: with an issuer configured. It has its own
 * data directory, so its embedded store does not meet the suite's.
 */
class ExternalIssuerTests {

	@Test
	void withAnIssuerConfiguredTheDevelopmentIssuerAndExplorerAreGone() throws Exception {
		String dataDir = "target/test-data/external-" + UUID.randomUUID();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PrivacyPortalApplication.class).run(
				"--server.port=0", "--portal.identity.issuer-uri=http://127.0.0.1:9/realms/none",
				"--portal.identity.audience=privacy-portal", "--portal.store.data-dir=" + dataDir,
				"--portal.identity.key-dir=" + dataDir)) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			HttpClient http = HttpClient.newHttpClient();

			HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dev/tokens"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"alice\",\"scopes\":[\"privacy.self\"]}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> jwks = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/.well-known/jwks.json")).build(),
					HttpResponse.BodyHandlers.ofString());
			HttpResponse<String> introspection = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __schema { queryType { name } } }\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(token.statusCode()).isIn(401, 404);
			assertThat(jwks.statusCode()).isIn(401, 404);
			assertThat(app.getBeanNamesForType(DevTokenIssuer.class)).isEmpty();
			assertThat(introspection.body()).doesNotContain("\"queryType\":{\"name\":\"Query\"}");
		}
	}

}
