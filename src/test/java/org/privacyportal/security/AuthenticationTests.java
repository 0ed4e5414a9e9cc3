package org.privacyportal.security;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.web.filter.ForwardedHeaderFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AuthenticationTests extends PortalIntegrationTest {

	private static final String ME = "{ me { id } }";

	@Autowired
	private ApplicationContext context;

	@Test
	void aProtectedFieldWithoutATokenIsA401WithABearerChallenge() {
		GraphQlResponse response = anonymous().query(ME);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
		assertThat(response.rawBody()).doesNotContain("Exception");
	}

	@Test
	void publicFieldsNeedNoToken() {
		GraphQlResponse response = anonymous().document("publicCatalog");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.hasErrors()).isFalse();
		assertThat(response.path("data.consentPurposes")).hasSize(6);
	}

	@Test
	void anExpiredTokenIsA401() {
		Instant now = Instant.now();
		String token = issuer.sign(claims("alice").issuedAt(now.minusSeconds(7200)).expiresAt(now.minusSeconds(3600)).build());

		assertUnauthorized(withToken(token).query(ME));
	}

	@Test
	void aTokenFromAnotherIssuerIsA401() {
		String token = issuer.sign(claims("alice").issuer("https://evil.example.com").build());

		assertUnauthorized(withToken(token).query(ME));
	}

	@Test
	void aTokenSignedWithAnotherKeyIsA401() throws Exception {
		RSAKey otherKey = new RSAKeyGenerator(2048).keyID("other").generate();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("other").build(),
				nimbusClaims("alice"));
		jwt.sign(new RSASSASigner(otherKey));

		assertUnauthorized(withToken(jwt.serialize()).query(ME));
	}

	@Test
	void anUnsignedAlgNoneTokenIsA401() {
		String token = new PlainJWT(nimbusClaims("alice")).serialize();

		assertUnauthorized(withToken(token).query(ME));
	}

	@Test
	void aBadTokenIsA401EvenOnPublicFields() {
		assertUnauthorized(withToken("not-a-jwt").document("publicCatalog"));
	}

	@Test
	void aTamperedTokenIsA401() {
		String token = issuer.issue("alice", List.of(Scopes.SELF), null, null);
		String[] parts = token.split("\\.");
		String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
			.encodeToString("{\"sub\":\"mallory\",\"scope\":\"privacy.admin\",\"iss\":\"urn:privacy-portal:dev-issuer\"}".getBytes())
				+ "." + parts[2];

		assertUnauthorized(withToken(tampered).query(ME));
	}

	@Test
	void aTokenWithoutASubjectIsA401() {
		String token = issuer.sign(claims("nobody").claims(c -> c.remove(JwtClaimNames.SUB)).build());

		assertUnauthorized(withToken(token).query(ME));
	}

	@Test
	void aTokenWithABlankSubjectIsA401() {
		assertUnauthorized(withToken(issuer.sign(claims(" ").build())).query(ME));
	}

	@Test
	void aTokenThatNeverExpiresIsA401() {
		String token = issuer.sign(claims("forever-" + UUID.randomUUID()).claims(c -> c.remove(JwtClaimNames.EXP)).build());

		assertUnauthorized(withToken(token).query(ME));
	}

	@Test
	void anEmailTheProviderHasNotVerifiedIsNotTakenAsTheSubjectsAddress() {
		String sub = "unverified-" + UUID.randomUUID();
		String unverified = issuer.sign(claims(sub).claim("email", "victim@example.com").claim("email_verified", false).build());
		String verified = issuer.sign(claims(sub + "-v").claim("email", sub + "@example.com").claim("email_verified", true).build());

		assertThat(withToken(unverified).query("{ me { profile { email } } }").path("data.me.profile.email").isNull()).isTrue();
		assertThat(withToken(verified).query("{ me { profile { email } } }").text("data.me.profile.email"))
			.isEqualTo(sub + "@example.com");
	}

	@Test
	void theProtectedResourceDocumentSaysWhatThePortalAccepts() {
		GraphQlResponse document = anonymous().get("/.well-known/oauth-protected-resource");

		assertThat(document.status()).isEqualTo(200);
		assertThat(document.path("resource").asString()).isEqualTo(baseUrl());
		assertThat(document.path("scopes_supported").toString())
			.isEqualTo("[\"privacy.self\",\"privacy.staff\",\"privacy.admin\"]");
		assertThat(document.path("bearer_methods_supported").toString()).isEqualTo("[\"header\"]");
		assertThat(document.body().has("tls_client_certificate_bound_access_tokens")).isFalse();
		// the embedded issuer is part of the portal
		assertThat(document.path("authorization_servers").toString()).isEqualTo("[\"" + baseUrl() + "\"]");
	}

	@Test
	void staffWithoutTheSelfScopeIsForbiddenOnMe() {
		GraphQlResponse response = staff().query(ME);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.errorClassifications()).containsExactly("FORBIDDEN");
		assertThat(response.path("data").isNull()).isTrue();
	}

	@Test
	void aSelfCallerIsForbiddenFromEveryStaffOperation() {
		PortalClient subject = newSubject();
		String otherId = newSubject().query(ME).text("data.me.id");

		for (GraphQlResponse response : List.of(subject.document("subject", "id", otherId),
				subject.document("subjects"), subject.document("auditTrail", "subjectId", otherId),
				subject.document("setLegalHold", "subjectId", otherId, "hold", true, "reason", "litigation"))) {
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.errorClassifications()).contains("FORBIDDEN");
			assertThat(response.rawBody()).doesNotContain(otherId);
		}
	}

	@Test
	void forbiddenDoesNotRevealWhetherASubjectExists() {
		PortalClient subject = newSubject();
		String existing = newSubject().query(ME).text("data.me.id");

		GraphQlResponse forExisting = subject.document("subject", "id", existing);
		GraphQlResponse forMissing = subject.document("subject", "id", UUID.randomUUID().toString());

		assertThat(forExisting.errorClassifications()).isEqualTo(forMissing.errorClassifications());
		assertThat(forExisting.path("data")).isEqualTo(forMissing.path("data"));
	}

	@Test
	void adminImpliesStaff() {
		GraphQlResponse response = admin().document("subjects", "first", 1);

		assertThat(response.hasErrors()).isFalse();
		assertThat(response.path("data.subjects.totalCount").asInt()).isGreaterThanOrEqualTo(0);
	}

	@Test
	void scopesAreAlsoReadFromAnScpArrayClaim() {
		String token = issuer.sign(JwtClaimsSet.builder()
			.issuer(issuer.issuer())
			.subject("scp-user-" + UUID.randomUUID())
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(300))
			.claim("scp", List.of(Scopes.SELF))
			.build());

		GraphQlResponse response = withToken(token).query(ME);

		assertThat(response.hasErrors()).isFalse();
		assertThat(response.text("data.me.id")).isNotBlank();
	}

	@Test
	void devTokensAreIssuedToLoopbackCallersAndWorkOnTheApi() {
		GraphQlResponse tokenResponse = anonymous().post("/dev/tokens",
				"{\"sub\":\"alice-dev\",\"scopes\":[\"privacy.self\"],\"email\":\"alice@example.com\",\"name\":\"Alice Example\"}");

		assertThat(tokenResponse.status()).isEqualTo(200);
		assertThat(tokenResponse.text("token_type")).isEqualTo("Bearer");
		assertThat(tokenResponse.path("expires_in").asLong()).isEqualTo(3600);
		GraphQlResponse me = withToken(tokenResponse.text("access_token")).query("{ me { profile { email fullName } } }");
		assertThat(me.text("data.me.profile.email")).isEqualTo("alice@example.com");
		assertThat(me.text("data.me.profile.fullName")).isEqualTo("Alice Example");
	}

	@Test
	void devTokensRefuseUnknownScopesAndBlankSubjects() {
		assertThat(anonymous().post("/dev/tokens", "{\"sub\":\"x\",\"scopes\":[\"root\"]}").status()).isEqualTo(400);
		assertThat(anonymous().post("/dev/tokens", "{\"sub\":\"\",\"scopes\":[]}").status()).isEqualTo(400);
		assertThat(anonymous().post("/dev/tokens", "{not json").status()).isEqualTo(400);
	}

	@Test
	void devTokensAreRefusedToAnyRequestCarryingAForwardingHeader() {
		String body = "{\"sub\":\"mallory\",\"scopes\":[\"privacy.admin\"]}";

		assertThat(forwardedHeaderFilterIsOn()).isTrue();
		for (String[] header : List.of(new String[] { "X-Forwarded-For", "127.0.0.1" },
				new String[] { "Forwarded", "for=127.0.0.1" }, new String[] { "X-Real-IP", "127.0.0.1" },
				new String[] { "X-Forwarded-Host", "localhost" })) {
			GraphQlResponse response = anonymous().header(header[0], header[1]).post("/dev/tokens", body);

			assertThat(response.status()).as(header[0]).isEqualTo(403);
			assertThat(response.rawBody()).doesNotContain("access_token");
		}
	}

	@Test
	void aRemoteCallerClaimingToBeLoopbackGetsNoDevToken() throws Exception {
		InetAddress remote = nonLoopbackAddress();
		assumeTrue(remote != null, "this machine has no address besides loopback");
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + remote.getHostAddress() + ":" + port + "/dev/tokens"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"mallory\",\"scopes\":[\"privacy.admin\"]}"));

		HttpResponse<String> plain = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> spoofed = http.send(request.header("X-Forwarded-For", "127.0.0.1").build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(plain.statusCode()).isEqualTo(403);
		assertThat(spoofed.statusCode()).isEqualTo(403);
		assertThat(spoofed.body()).doesNotContain("access_token");
	}

	private boolean forwardedHeaderFilterIsOn() {
		return context.getBeansOfType(FilterRegistrationBean.class)
			.values()
			.stream()
			.anyMatch(registration -> registration.getFilter() instanceof ForwardedHeaderFilter);
	}

	private static InetAddress nonLoopbackAddress() throws Exception {
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (network.isUp() && !network.isLoopback()) {
				for (InetAddress address : Collections.list(network.getInetAddresses())) {
					if (address instanceof Inet4Address) {
						return address;
					}
				}
			}
		}
		return null;
	}

	@Test
	void theJwksPublishesOnlyThePublicKey() {
		GraphQlResponse jwks = anonymous().get("/.well-known/jwks.json");

		assertThat(jwks.status()).isEqualTo(200);
		assertThat(jwks.path("keys.0.kty").asString()).isEqualTo("RSA");
		assertThat(jwks.path("keys.0.n").asString()).isNotBlank();
		assertThat(jwks.path("keys.0").has("d")).isFalse();
	}

	private static void assertUnauthorized(GraphQlResponse response) {
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
	}

	private JwtClaimsSet.Builder claims(String sub) {
		Instant now = Instant.now();
		return JwtClaimsSet.builder()
			.issuer(issuer.issuer())
			.subject(sub)
			.issuedAt(now)
			.expiresAt(now.plusSeconds(300))
			.claims(c -> c.putAll(Map.of("scope", Scopes.SELF)));
	}

	private JWTClaimsSet nimbusClaims(String sub) {
		return new JWTClaimsSet.Builder().issuer(issuer.issuer())
			.subject(sub)
			.issueTime(new java.util.Date())
			.expirationTime(new java.util.Date(System.currentTimeMillis() + 300_000))
			.claim("scope", Scopes.SELF)
			.build();
	}

}
