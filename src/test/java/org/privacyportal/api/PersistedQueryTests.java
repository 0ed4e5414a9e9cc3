package org.privacyportal.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Automatic persisted queries as Apollo's clients speak them, over HTTP. */
class PersistedQueryTests extends PortalIntegrationTest {

	static final JsonMapper JSON = JsonMapper.shared();

	@Test
	void anUnknownHashIsNotFoundThenTheDocumentRegistersItAndTheHashAloneRuns() {
		String document = uniqueDocument("{ consentPurposes { key } }");
		PortalClient client = anonymous();

		GraphQlResponse miss = send(client, null, sha256(document));
		GraphQlResponse register = send(client, document, sha256(document));
		GraphQlResponse hit = send(client, null, sha256(document));

		assertThat(miss.status()).isEqualTo(200);
		assertThat(miss.text("errors.0.message")).isEqualTo("PersistedQueryNotFound");
		assertThat(miss.errorClassifications()).containsExactly("PERSISTED_QUERY_NOT_FOUND");
		assertThat(miss.text("errors.0.extensions.code")).isEqualTo("PERSISTED_QUERY_NOT_FOUND");
		assertThat(register.hasErrors()).isFalse();
		assertThat(hit.hasErrors()).isFalse();
		assertThat(hit.path("data.consentPurposes")).isEqualTo(register.path("data.consentPurposes")).isNotEmpty();
	}

	@Test
	void aHashThatDoesNotMatchTheDocumentIsRefusedAndRegistersNothing() {
		String document = uniqueDocument("{ consentPurposes { key } }");
		String otherHash = sha256(document + " ");

		GraphQlResponse mismatch = send(anonymous(), document, otherHash);

		assertThat(mismatch.errorClassifications()).containsExactly("BAD_REQUEST");
		assertThat(mismatch.text("errors.0.message")).isEqualTo("provided sha does not match query");
		assertThat(mismatch.path("data").isMissingNode() || mismatch.path("data").isNull()).isTrue();
		assertThat(send(anonymous(), null, otherHash).errorClassifications()).containsExactly("PERSISTED_QUERY_NOT_FOUND");
		assertThat(send(anonymous(), null, sha256(document)).errorClassifications())
			.containsExactly("PERSISTED_QUERY_NOT_FOUND");
	}

	@Test
	void aPersistedQueryOfAnotherVersionOrWithoutAHashIsABadRequest() {
		String document = "{ consentPurposes { key } }";
		Map<String, Object> versionTwo = Map.of("version", 2, "sha256Hash", sha256(document));
		Map<String, Object> noHash = Map.of("version", 1);

		assertThat(post(anonymous(), document, versionTwo).errorClassifications()).containsExactly("BAD_REQUEST");
		assertThat(post(anonymous(), document, noHash).errorClassifications()).containsExactly("BAD_REQUEST");
	}

	@Test
	void aDocumentTooComplexIsRefusedEveryTimeAlsoWhenItComesFromTheCache() {
		String sub = "complex-" + UUID.randomUUID();
		PortalClient caller = as(sub, List.of("privacy.self"), null, null);
		String document = IntStream.range(0, 400)
			.mapToObj(i -> "a" + i + ": me { id }")
			.collect(Collectors.joining(" ", "{ ", " }"));

		GraphQlResponse first = send(caller, document, sha256(document));
		GraphQlResponse again = caller.query(document);
		GraphQlResponse byHash = send(caller, null, sha256(document));

		assertThat(first.hasErrors()).isTrue();
		assertThat(again.text("errors.0.message")).isEqualTo(first.text("errors.0.message")).contains("complexity");
		assertThat(byHash.text("errors.0.message")).isEqualTo(first.text("errors.0.message"));
		assertThat(mongo.getCollection("subjects").countDocuments(new Document("externalId", sub))).isZero();
	}

	/** The same document with a unique comment, so no other test has registered it. */
	static String uniqueDocument(String document) {
		return document + " # " + UUID.randomUUID();
	}

	static GraphQlResponse send(PortalClient client, String document, String hash) {
		return post(client, document, Map.of("version", 1, "sha256Hash", hash));
	}

	private static GraphQlResponse post(PortalClient client, String document, Map<String, Object> persistedQuery) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (document != null) {
			body.put("query", document);
		}
		body.put("extensions", Map.of("persistedQuery", persistedQuery));
		return client.post("/graphql", JSON.writeValueAsString(body));
	}

	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
