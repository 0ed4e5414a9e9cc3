package org.privacyportal.support;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;

import org.privacyportal.security.DevTokenIssuer;
import org.privacyportal.security.Scopes;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One application context for the whole suite: the embedded store on a fresh file under
 * {@code target/}, the embedded issuer signing real RS256 tokens that go through the real decoder,
 * and callers per role as in spring-petclinic-graphql. With {@code MONGODB_URI} set the suite runs
 * against that MongoDB instead.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(PortalIntegrationTest.TestClock.class)
public abstract class PortalIntegrationTest {

	private static final String DATA_DIR = "target/test-data/" + UUID.randomUUID();

	@LocalServerPort
	protected int port;

	@Autowired
	protected DevTokenIssuer issuer;

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected MongoTemplate mongo;

	@DynamicPropertySource
	static void storeAndKeys(DynamicPropertyRegistry registry) {
		registry.add("portal.store.data-dir", () -> DATA_DIR);
		registry.add("portal.identity.key-dir", () -> DATA_DIR);
		// the export worker looks for work often, so tests wait milliseconds, not seconds
		registry.add("portal.export.poll-interval", () -> "100ms");
		registry.add("portal.export.update-poll-interval", () -> "200ms");
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	protected String baseUrl() {
		return "http://127.0.0.1:" + port;
	}

	/** A data subject with a fresh identity, so tests never share one. */
	protected PortalClient newSubject() {
		String sub = "subject-" + UUID.randomUUID();
		return as(sub, List.of(Scopes.SELF), sub + "@example.com", "Subject " + sub.substring(8, 16));
	}

	protected PortalClient as(String sub, List<String> scopes, String email, String name) {
		return withToken(issuer.issue(sub, scopes, email, name));
	}

	protected PortalClient staff() {
		return as("staff-" + UUID.randomUUID(), List.of(Scopes.STAFF), null, "Staff Member");
	}

	protected PortalClient admin() {
		return as("admin-" + UUID.randomUUID(), List.of(Scopes.ADMIN), null, "Privacy Officer");
	}

	protected PortalClient anonymous() {
		return withToken(null);
	}

	protected PortalClient withToken(String token) {
		return new PortalClient(baseUrl(), token, Map.of());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock(Instant.now());
		}

	}

}
