package org.privacyportal.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import tools.jackson.databind.JsonNode;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;

import static org.awaitility.Awaitility.await;

/** Waiting for the worker, downloading over plain HTTP, and reading what came back. */
final class ExportTestSupport {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private ExportTestSupport() {
	}

	/** An export as a worker leaves it once it claimed it {@code attempts} times. */
	static DataExport claimed(DataExport requested, int attempts, String claim, String worker, Instant leaseUntil) {
		return new DataExport(requested.id(), requested.subjectId(), requested.format(), ExportStatus.RUNNING,
				requested.requestedAt(), requested.subjectId(), attempts, claim, worker, leaseUntil, null, null, null, null,
				null, null, List.of(), null);
	}

	/** An export closed with {@code status} after one attempt. */
	static DataExport closed(DataExport requested, ExportStatus status, Instant completedAt) {
		return new DataExport(requested.id(), requested.subjectId(), requested.format(), status,
				requested.requestedAt(), null, 1, null, null, null, null, null, completedAt, null, null, null,
				List.of(), null);
	}

	/** A JSON export the subject requested, once it is READY. */
	static String readyExport(PortalClient subject) {
		String id = subject.document("requestDataExport", "format", "JSON").text("data.requestDataExport.export.id");
		awaitStatus(subject, id, "READY");
		return id;
	}

	/** The export as {@code me.exports} shows it once it has the status. */
	static JsonNode awaitStatus(PortalClient subject, String exportId, String status) {
		AtomicReference<JsonNode> found = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
			JsonNode node = find(subject.document("myExports", "first", 100), exportId);
			found.set(node);
			return node != null && status.equals(node.path("status").asString());
		});
		return found.get();
	}

	static JsonNode find(GraphQlResponse exports, String exportId) {
		for (JsonNode edge : exports.path("data.me.exports.edges")) {
			if (edge.path("node").path("id").asString().equals(exportId)) {
				return edge.path("node");
			}
		}
		return null;
	}

	/** {@code headers} are names and values, one after the other. */
	static HttpResponse<byte[]> download(String baseUrl, String pathAndQuery, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The actions of the subject's audit trail, as staff see them. */
	static List<String> auditActions(PortalClient staff, String subjectId) {
		List<String> actions = new ArrayList<>();
		staff.document("auditTrail", "subjectId", subjectId, "first", 100)
			.path("data.auditTrail.edges")
			.forEach(edge -> actions.add(edge.path("node").path("action").asString()));
		return actions;
	}

	/** Entry name to content, in archive order. */
	static Map<String, String> unzip(byte[] zip) throws IOException {
		Map<String, String> entries = new LinkedHashMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
			ZipEntry entry;
			while ((entry = in.getNextEntry()) != null) {
				entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return entries;
	}

	/** An RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
	static List<List<String>> parseCsv(String text) {
		List<List<String>> records = new ArrayList<>();
		List<String> record = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				record.add(field.toString());
				field.setLength(0);
			}
			else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
				record.add(field.toString());
				field.setLength(0);
				records.add(record);
				record = new ArrayList<>();
				i++;
			}
			else {
				field.append(c);
			}
		}
		if (field.length() > 0 || !record.isEmpty()) {
			record.add(field.toString());
			records.add(record);
		}
		return records;
	}

	/** How a JSON value is written as a CSV field: a text a spreadsheet would take for a formula starts with a quote. */
	static String csvText(JsonNode value) {
		if (value.isNull()) {
			return "";
		}
		if (!value.isString()) {
			return value.toString();
		}
		String text = value.asString();
		return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
	}

}
