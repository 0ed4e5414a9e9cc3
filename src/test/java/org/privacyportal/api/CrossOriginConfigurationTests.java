package org.privacyportal.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.privacyportal.security.IdentityProperties;

import org.springframework.web.cors.CorsConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code PORTAL_CORS_ALLOWED_ORIGINS} allows, set and unset, for either kind of issuer. */
class CrossOriginConfigurationTests {

	private static final IdentityProperties EMBEDDED = identity(null);

	private static final IdentityProperties EXTERNAL = identity("https://login.example.com/realms/portal");

	@Test
	void unsetWithTheEmbeddedIssuerAllowsLoopbackOnAnyPort() {
		CorsConfiguration cors = cors(null, EMBEDDED);

		assertThat(cors.checkOrigin("http://localhost:5173")).isEqualTo("http://localhost:5173");
		assertThat(cors.checkOrigin("http://127.0.0.1:8081")).isEqualTo("http://127.0.0.1:8081");
		assertThat(cors.checkOrigin("http://localhost")).isEqualTo("http://localhost");
		assertThat(cors.checkOrigin("http://localhost.evil.example:80")).isNull();
		assertThat(cors.checkOrigin("https://app.example.com")).isNull();
	}

	@Test
	void unsetWithAnExternalIssuerAllowsNoOrigin() {
		CorsConfiguration cors = cors(null, EXTERNAL);

		assertThat(cors.checkOrigin("http://localhost:5173")).isNull();
		assertThat(cors.checkOrigin("https://app.example.com")).isNull();
	}

	@Test
	void setOriginsAndPatternsReplaceTheDefault() {
		CorsConfiguration cors = cors(List.of("https://*.example.com", " https://portal.example.org "), EMBEDDED);

		assertThat(cors.checkOrigin("https://app.example.com")).isEqualTo("https://app.example.com");
		assertThat(cors.checkOrigin("https://portal.example.org")).isEqualTo("https://portal.example.org");
		assertThat(cors.checkOrigin("http://app.example.com")).isNull();
		assertThat(cors.checkOrigin("http://localhost:5173")).isNull();
	}

	@Test
	void setEmptyAllowsNoOriginEvenWithTheEmbeddedIssuer() {
		assertThat(cors(List.of(), EMBEDDED).checkOrigin("http://localhost:5173")).isNull();
	}

	private static CorsConfiguration cors(List<String> origins, IdentityProperties identity) {
		return CrossOriginConfiguration.cors(new CorsProperties(origins), identity);
	}

	private static IdentityProperties identity(String issuerUri) {
		return new IdentityProperties(issuerUri, null, Path.of("target"), "urn:test", Duration.ofHours(1),
				Duration.ofSeconds(60));
	}

}
