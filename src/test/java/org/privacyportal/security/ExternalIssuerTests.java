package org.privacyportal.security;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.privacyportal.PrivacyPortalApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second application, started the way production is: with an issuer configured and, here, no
 * audience. The issuer is a real OIDC discovery document and key set served over HTTP by this test,
 * started only after the portal, so the portal first meets an unreachable issuer. It has its own
 * data directory, so its embedded store does not meet the suite's.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExternalIssuerTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static RSAKey key;

	private static String issuerUri;

	private static int issuerPort;

	private static ConfigurableApplicationContext app;

	private static String portal;

	@BeforeAll
	static void start() throws Exception {
		key = new RSAKeyGenerator(2048).keyID("external").generate();
		try (ServerSocket free = new ServerSocket(0)) {
			issuerPort = free.getLocalPort();
		}
		issuerUri = "http://127.0.0.1:" + issuerPort + "/realms/external";
		String dataDir = "target/test-data/external-" + UUID.randomUUID();
		app = new SpringApplicationBuilder(PrivacyPortalApplication.class).run("--server.port=0",
				"--portal.identity.issuer-uri=" + issuerUri, "--portal.store.data-dir=" + dataDir,
				"--portal.identity.key-dir=" + dataDir);
		portal = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void withAnIssuerConfiguredTheDevelopmentIssuerAndExplorerAreGone() throws Exception {
		HttpResponse<String> token = post("/dev/tokens", null, "{\"sub\":\"alice\",\"scopes\":[\"privacy.self\"]}");
		HttpResponse<String> jwks = HTTP.send(HttpRequest.newBuilder(URI.create(portal + "/.well-known/jwks.json")).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> introspection = graphQl(null, "{ __schema { queryType { name } } }");

		assertThat(token.statusCode()).isIn(401, 404);
		assertThat(jwks.statusCode()).isIn(401, 404);
		assertThat(app.getBeanNamesForType(DevTokenIssuer.class)).isEmpty();
		assertThat(introspection.body()).doesNotContain("\"queryType\":{\"name\":\"Query\"}");
	}

	@Test
	void withoutAnAudienceTheStartUpWarns(CapturedOutput output) {
		assertThat(output.getAll()).contains("OAUTH2_AUDIENCE is not set");
	}

	@Test
	void theProtectedResourceDocumentNamesTheIssuer() throws Exception {
		HttpResponse<String> document = HTTP.send(
				HttpRequest.newBuilder(URI.create(portal + "/.well-known/oauth-protected-resource")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(document.statusCode()).isEqualTo(200);
		assertThat(document.body()).contains("\"authorization_servers\":[\"" + issuerUri + "\"]");
	}

	@Test
	void anUnreachableIssuerIsA503ForTokensAndA401ForGarbageAndThePortalRecoversWhenItIsBack() throws Exception {
		String valid = sign(new JWTClaimsSet.Builder().issuer(issuerUri)
			.subject("external-" + UUID.randomUUID())
			.expirationTime(new Date(System.currentTimeMillis() + 300_000))
			.claim("scope", "privacy.self")
			.build());

		HttpResponse<String> garbage = graphQl("not-a-jwt", "{ privacyPolicy { version } }");
		HttpResponse<String> unreachable = graphQl(valid, "{ privacyPolicy { version } }");

		assertThat(garbage.statusCode()).isEqualTo(401);
		assertThat(unreachable.statusCode()).isEqualTo(503);
		assertThat(unreachable.headers().firstValue("Retry-After")).isPresent();
		assertThat(unreachable.body()).contains("The identity provider cannot be reached").doesNotContain("Exception");

		HttpServer issuer = startIssuer();
		try {
			HttpResponse<String> recovered = graphQl(valid, "{ me { id } }");
			HttpResponse<String> withoutSubject = graphQl(sign(new JWTClaimsSet.Builder().issuer(issuerUri)
				.expirationTime(new Date(System.currentTimeMillis() + 300_000))
				.claim("scope", "privacy.self")
				.build()), "{ me { id } }");

			assertThat(recovered.statusCode()).isEqualTo(200);
			assertThat(recovered.body()).contains("\"me\":{\"id\":");
			assertThat(withoutSubject.statusCode()).isEqualTo(401);
		}
		finally {
			issuer.stop(0);
		}
	}

	private static HttpServer startIssuer() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", issuerPort), 0);
		server.createContext("/realms/external/.well-known/openid-configuration", exchange -> respond(exchange,
				"{\"issuer\":\"" + issuerUri + "\",\"jwks_uri\":\"" + issuerUri + "/keys\",\"subject_types_supported\":[\"public\"]}"));
		server.createContext("/realms/external/keys",
				exchange -> respond(exchange, new JWKSet(key.toPublicJWK()).toString()));
		server.start();
		return server;
	}

	private static void respond(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	private static String sign(JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static HttpResponse<String> graphQl(String token, String query) throws Exception {
		return post("/graphql", token, "{\"query\":\"" + query + "\"}");
	}

	private static HttpResponse<String> post(String path, String token, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(portal + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
