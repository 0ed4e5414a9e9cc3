package org.privacyportal.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The embedded store stopped while the portal runs, and started again: the suite's one store, so it
 * is always started again, whatever happens in between.
 */
class StoreOutageTests extends PortalIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@Autowired(required = false)
	private EmbeddedStore store;

	@Autowired
	private StoreProperties properties;

	@Test
	void withoutItsStoreThePortalIsNotReadyAnswersClearlyAndRecoversByItself() {
		assumeTrue(store != null, "the suite runs against an external MongoDB");
		PortalClient subject = newSubject();
		String id = subject.query("{ me { id } }").text("data.me.id");

		store.stop();
		try {
			await().atMost(WAIT).until(() -> anonymous().get("/actuator/health/readiness").status() == 503);
			GraphQlResponse during = subject.header("Accept-Language", "de").query("{ me { id } }");

			assertThat(anonymous().get("/actuator/health/readiness").text("status")).isEqualTo("DOWN");
			assertThat(anonymous().get("/actuator/health/liveness").text("status")).isEqualTo("UP");
			assertThat(during.status()).isEqualTo(200);
			assertThat(during.errorClassifications()).containsExactly("UNAVAILABLE");
			assertThat(during.text("errors.0.message"))
				.as("in the language of the request, as the subject's own cannot be looked up")
				.isEqualTo("Der Datenspeicher ist gerade nicht erreichbar; bitte versuchen Sie es gleich noch einmal");
			assertThat(during.rawBody()).doesNotContain("Exception").doesNotContain("127.0.0.1").doesNotContain("at com.");
		}
		finally {
			store.start();
		}

		await().atMost(WAIT).until(() -> anonymous().get("/actuator/health/readiness").status() == 200);
		assertThat(subject.query("{ me { id } }").text("data.me.id")).isEqualTo(id);
	}

	@Test
	void theDataDirectoryAndTheStoresFileAreTheOwnersAlone() throws Exception {
		Path dataDir = properties.dataDir();
		assumeTrue(store != null && Files.getFileStore(dataDir).supportsFileAttributeView("posix"));

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("portal.mv.db"))))
			.isEqualTo("rw-------");
	}

}
