package org.privacyportal.support;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** What came back over HTTP, with dotted-path access into the JSON body. */
public record GraphQlResponse(int status, HttpHeaders headers, String rawBody, JsonNode body) {

	/** {@code path("data.me.consents.purposes.0.granted")}. */
	public JsonNode path(String dotted) {
		JsonNode node = body;
		for (String part : dotted.split("\\.")) {
			node = part.matches("\\d+") ? node.path(Integer.parseInt(part)) : node.path(part);
		}
		return node;
	}

	public String text(String dotted) {
		return path(dotted).asString();
	}

	public List<String> errorClassifications() {
		List<String> classifications = new ArrayList<>();
		body.path("errors").forEach(e -> classifications.add(e.path("extensions").path("classification").asString()));
		return classifications;
	}

	public List<String> userErrorCodes(String payloadPath) {
		List<String> codes = new ArrayList<>();
		path(payloadPath + ".userErrors").forEach(e -> codes.add(e.path("code").asString()));
		return codes;
	}

	public boolean hasErrors() {
		return body.has("errors") && !body.path("errors").isEmpty();
	}

}
