package org.privacyportal.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacyportal.export.ExportTestSupport.awaitStatus;

/** The download as browsers on another origin and phones on flaky networks fetch it. */
class ExportDownloadTests extends PortalIntegrationTest {

	private static final String APP = "http://localhost:5173";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aLoopbackOriginMayFetchTheDownloadAndReadItsName() {
		HttpResponse<byte[]> file = send(readyLink(), "Origin", APP);

		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(file.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
		assertThat(file.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
			.contains("Content-Disposition");
	}

	@Test
	void anotherOriginGetsNoAllowOriginForTheDownload() {
		HttpResponse<byte[]> file = send(readyLink(), "Origin", "https://evil.example");

		assertThat(file.statusCode()).isEqualTo(403);
		assertThat(file.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(new String(file.body(), StandardCharsets.UTF_8)).doesNotContain("subjectId");
	}

	private String readyLink() {
		PortalClient subject = newSubject();
		String id = subject.document("requestDataExport", "format", "JSON").text("data.requestDataExport.export.id");
		return awaitStatus(subject, id, "READY").path("downloadUrl").asString();
	}

	private HttpResponse<byte[]> send(String pathAndQuery, String... headers) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).headers(headers).GET().build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
