package org.privacyportal.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

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

	@Test
	void aRangeIsAnsweredWith206AndTheRestResumesWhereItStopped() {
		PortalClient subject = newSubject();
		String subjectId = subject.document("me").text("data.me.id");
		String link = readyLink(subject, "ZIP");
		HttpResponse<byte[]> whole = send(link);

		HttpResponse<byte[]> head = send(link, "Range", "bytes=0-99");
		HttpResponse<byte[]> rest = send(link, "Range", "bytes=100-", "If-Range", whole.headers().firstValue("ETag").orElseThrow());

		int length = whole.body().length;
		assertThat(whole.statusCode()).isEqualTo(200);
		assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
		assertThat(head.statusCode()).isEqualTo(206);
		assertThat(head.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + length);
		assertThat(head.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 0, 100));
		assertThat(rest.statusCode()).isEqualTo(206);
		assertThat(rest.headers().firstValue("Content-Range")).hasValue("bytes 100-" + (length - 1) + "/" + length);
		assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 100, length));
		// one link, downloaded whole and again in two ranges: one download in the audit trail
		assertThat(actions(subjectId).stream().filter("export.downloaded"::equals)).hasSize(1);
	}

	@Test
	void aRangeBeyondTheEndIs416WithTheLength() {
		String link = readyLink(newSubject(), "JSON");
		int length = send(link).body().length;

		HttpResponse<byte[]> beyond = send(link, "Range", "bytes=" + length + "-");
		HttpResponse<byte[]> garbled = send(link, "Range", "bytes=oops");

		assertThat(beyond.statusCode()).isEqualTo(416);
		assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + length);
		assertThat(garbled.statusCode()).isEqualTo(416);
	}

	@Test
	void aRangeOnAForeignLinkIsStillA404() {
		String link = readyLink(newSubject(), "JSON");
		String tampered = link.replaceFirst("token=.", "token=" + (link.contains("token=A") ? "B" : "A"));

		assertThat(send(tampered, "Range", "bytes=0-9").statusCode()).isEqualTo(404);
	}

	private String readyLink() {
		return readyLink(newSubject(), "JSON");
	}

	private String readyLink(PortalClient subject, String format) {
		String id = subject.document("requestDataExport", "format", format).text("data.requestDataExport.export.id");
		return awaitStatus(subject, id, "READY").path("downloadUrl").asString();
	}

	private List<String> actions(String subjectId) {
		return ExportTestSupport.auditActions(staff(), subjectId);
	}

	private HttpResponse<byte[]> send(String pathAndQuery, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery)).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
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
