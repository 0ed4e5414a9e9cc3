package org.privacyportal.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

/**
 * Talks to the running portal over real HTTP, as a frontend does. Documents are read from
 * {@code src/test/resources/graphql-test/<name>.graphql}.
 */
public class PortalClient {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	private final String token;

	private final Map<String, String> headers;

	PortalClient(String baseUrl, String token, Map<String, String> headers) {
		this.baseUrl = baseUrl;
		this.token = token;
		this.headers = headers;
	}

	/** A caller of a portal this suite did not start, e.g. one in another process. */
	public static PortalClient of(String baseUrl, String token) {
		return new PortalClient(baseUrl, token, Map.of());
	}

	/** The same caller with one more header on every request. */
	public PortalClient header(String name, String value) {
		Map<String, String> more = new LinkedHashMap<>(headers);
		more.put(name, value);
		return new PortalClient(baseUrl, token, more);
	}

	public GraphQlResponse document(String name, Object... variables) {
		return query(load(name), variables);
	}

	public GraphQlResponse query(String document, Object... variables) {
		Map<String, Object> vars = new LinkedHashMap<>();
		for (int i = 0; i < variables.length; i += 2) {
			vars.put((String) variables[i], variables[i + 1]);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", document);
		body.put("variables", vars);
		return post("/graphql", JSON.writeValueAsString(body));
	}

	public GraphQlResponse post(String path, String rawBody) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(rawBody)));
	}

	public GraphQlResponse get(String path) {
		return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
	}

	private GraphQlResponse send(HttpRequest.Builder request) {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			String raw = response.body();
			JsonNode body = raw.isBlank() ? JSON.createObjectNode() : parse(raw);
			return new GraphQlResponse(response.statusCode(), response.headers(), raw, body);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode parse(String raw) {
		try {
			return JSON.readTree(raw);
		}
		catch (RuntimeException ex) {
			return JSON.createObjectNode().put("nonJsonBody", raw);
		}
	}

	static String load(String name) {
		try {
			return new ClassPathResource("graphql-test/" + name + ".graphql").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No test document " + name, ex);
		}
	}

}
