package org.privacyportal.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal jar against a real Keycloak (issue 5).
 * <p>
 * Run by the Maven profile {@code keycloak} ({@code ./mvnw -Pkeycloak verify}), which unpacks
 * {@code org.keycloak:keycloak-quarkus-dist} under {@code target/keycloak} and passes its location,
 * the realm file and the portal jar as system properties. The test imports
 * {@code deploy/keycloak/privacy-portal-realm.json} unchanged (plus a second, untrusted realm from
 * the test resources), starts Keycloak in dev mode on 127.0.0.1 with a Java 21+ runtime, starts the
 * portal jar with {@code OAUTH2_ISSUER_URI} and {@code OAUTH2_AUDIENCE}, and drives both with real
 * tokens: authorization code + PKCE over plain HTTP, client credentials, and tokens the portal must
 * refuse. Both processes are stopped however the test ends; their logs are under
 * {@code target/keycloak-interop/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(KeycloakInteropIT.LogTailOnFailure.class)
class KeycloakInteropIT {

	static final String REALM = "privacy-portal";
	static final String SECOND_REALM = "interop-second-realm";
	static final String AUDIENCE = "privacy-portal";

	static final String SPA_CLIENT = "privacy-portal-spa";
	static final String MOBILE_CLIENT = "privacy-portal-mobile";
	static final String MOBILE_REDIRECT = "org.privacyportal.app:/callback";
	static final String STAFF_TOOLS_CLIENT = "privacy-portal-staff-tools";
	static final String STAFF_TOOLS_SECRET = "demo-only-staff-tools-secret-change-me";

	static final String SELF = "privacy.self";
	static final String STAFF = "privacy.staff";
	static final String ADMIN = "privacy.admin";

	static final Duration KEYCLOAK_START_TIMEOUT = Duration.ofSeconds(
			Long.getLong("keycloak.startTimeoutSeconds", 300));
	static final Duration PORTAL_START_TIMEOUT = Duration.ofSeconds(
			Long.getLong("portal.startTimeoutSeconds", 180));
	static final int MIN_KEYCLOAK_JAVA = 21;

	static final ObjectMapper JSON = JsonMapper.builder().build();
	static final SecureRandom RANDOM = new SecureRandom();
	static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	static Path workDir;
	static Path keycloakLog;
	static Path portalLog;
	static Process keycloak;
	static Process portal;
	static Thread shutdownHook;
	static volatile boolean failed;

	static int keycloakPort;
	static String keycloakBase;
	static String issuer;
	static JsonNode discovery;
	static String portalBase;

	/** Set by the subject test; the staff test lists it. */
	static String aliceSubjectId;

	// ------------------------------------------------------------------------------------------
	// lifecycle

	@BeforeAll
	static void startKeycloakAndPortal() throws Exception {
		Instant begin = Instant.now();
		Path projectDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
		Path buildDir = projectDir.resolve("target");
		workDir = Path.of(System.getProperty("interop.work.dir", buildDir.resolve("keycloak-interop").toString()));
		deleteTree(workDir);
		Files.createDirectories(workDir);
		keycloakLog = workDir.resolve("keycloak.log");
		portalLog = workDir.resolve("portal.log");

		Path keycloakHome = keycloakHome(buildDir);
		Path realmFile = existing(Path.of(System.getProperty("keycloak.realm",
				projectDir.resolve("deploy/keycloak/privacy-portal-realm.json").toString())), "the realm file");
		Path portalJar = portalJar(buildDir);
		Path keycloakJava = findKeycloakJava();

		shutdownHook = new Thread(KeycloakInteropIT::stopAll, "keycloak-interop-cleanup");
		Runtime.getRuntime().addShutdownHook(shutdownHook);

		// Keycloak: fresh dev database, both realms imported at start
		deleteTree(keycloakHome.resolve("data"));
		Path importDir = Files.createDirectories(keycloakHome.resolve("data/import"));
		// Keycloak insists on <realm>-realm.json as the file name
		Files.copy(realmFile, importDir.resolve(REALM + "-realm.json"));
		String secondRealmFile = SECOND_REALM + "-realm.json";
		try (var in = KeycloakInteropIT.class.getResourceAsStream("/keycloak/" + secondRealmFile)) {
			assertNotNull(in, "test resource /keycloak/" + secondRealmFile + " is missing");
			Files.copy(in, importDir.resolve(secondRealmFile));
		}
		keycloakPort = freePort();
		int managementPort = freePort();
		keycloakBase = "http://127.0.0.1:" + keycloakPort;
		issuer = keycloakBase + "/realms/" + REALM;
		String adminUser = "interop-admin";
		String adminPassword = randomToken(24);

		ProcessBuilder kc = new ProcessBuilder(keycloakHome.resolve("bin/kc.sh").toString(), "start-dev",
				"--import-realm", "--http-host=127.0.0.1", "--http-port=" + keycloakPort,
				"--http-management-port=" + managementPort, "--hostname-strict=false")
			.directory(keycloakHome.toFile())
			.redirectErrorStream(true)
			.redirectOutput(keycloakLog.toFile());
		kc.environment().keySet().removeIf(name -> name.startsWith("KC_") || name.equals("JAVA_OPTS"));
		kc.environment().put("JAVA_HOME", keycloakJava.toString());
		if (javaMajor(keycloakJava) >= 24) {
			// jboss-threads wants this on Java 24+, else it logs an IllegalAccessError when Keycloak stops
			kc.environment().put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
		}
		kc.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", adminUser);
		kc.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
		log("starting Keycloak %s on %s with Java at %s (log: %s)", keycloakHome.getFileName(), keycloakBase,
				keycloakJava, keycloakLog);
		keycloak = kc.start();

		// The portal resolves the issuer on first use, so it may start while Keycloak does.
		int portalPort = freePort();
		portalBase = "http://127.0.0.1:" + portalPort;
		Path dataDir = Files.createDirectories(workDir.resolve("portal-data"));
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder app = new ProcessBuilder(java.toString(), "-jar", portalJar.toString())
			.directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(portalLog.toFile());
		app.environment().remove("MONGODB_URI");
		app.environment().put("OAUTH2_ISSUER_URI", issuer);
		app.environment().put("OAUTH2_AUDIENCE", AUDIENCE);
		app.environment().put("SERVER_PORT", Integer.toString(portalPort));
		app.environment().put("PORTAL_DATA_DIR", dataDir.toString());
		log("starting the portal %s on %s (log: %s)", portalJar.getFileName(), portalBase, portalLog);
		portal = app.start();

		waitFor("Keycloak", keycloak, KEYCLOAK_START_TIMEOUT,
				() -> get(issuer + "/.well-known/openid-configuration", null).statusCode() == 200);
		log("Keycloak ready after %ds", Duration.between(begin, Instant.now()).toSeconds());
		discovery = JSON.readTree(get(issuer + "/.well-known/openid-configuration", null).body());
		assertEquals(issuer, discovery.path("issuer").asString(), "issuer in Keycloak's discovery document");
		importTestClients(adminUser, adminPassword);

		waitFor("the portal", portal, PORTAL_START_TIMEOUT, () -> {
			HttpResponse<String> health = get(portalBase + "/actuator/health", null);
			return health.statusCode() == 200 && JSON.readTree(health.body()).path("status").asString().equals("UP");
		});
		log("Keycloak and the portal ready after %ds", Duration.between(begin, Instant.now()).toSeconds());
	}

	@AfterAll
	static void stopKeycloakAndPortal() {
		reportKeycloakMemory();
		stopAll();
		if (failed) {
			printLogTails();
		}
		if (shutdownHook != null) {
			try {
				Runtime.getRuntime().removeShutdownHook(shutdownHook);
			}
			catch (IllegalStateException shuttingDown) {
				// the hook is running or has run
			}
		}
	}

	/** Test-only clients in the portal's realm, added through the admin API so the realm file stays as shipped. */
	static void importTestClients(String adminUser, String adminPassword) throws Exception {
		HttpResponse<String> adminToken = postForm(keycloakBase + "/realms/master/protocol/openid-connect/token",
				form("grant_type", "password", "client_id", "admin-cli", "username", adminUser, "password", adminPassword),
				null);
		assertEquals(200, adminToken.statusCode(), () -> "admin token: " + adminToken.body());
		String token = JSON.readTree(adminToken.body()).path("access_token").asString();
		String clients;
		try (var in = KeycloakInteropIT.class.getResourceAsStream("/keycloak/interop-test-clients.json")) {
			assertNotNull(in, "test resource /keycloak/interop-test-clients.json is missing");
			clients = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		HttpResponse<String> imported = send(HttpRequest.newBuilder(URI.create(keycloakBase + "/admin/realms/" + REALM + "/partialImport"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(clients)));
		assertEquals(200, imported.statusCode(), () -> "partial import of the test clients: " + imported.body());
	}

	// ------------------------------------------------------------------------------------------
	// the realm as shipped

	@Test
	@Order(1)
	void realmClientsAllowOnlyTheIntendedFlows() throws Exception {
		// the SPA refuses a code flow without PKCE, and PKCE with the plain method
		PkceRequest noPkce = PkceRequest.create(SPA_CLIENT, loopbackRedirect(), "openid");
		HttpResponse<String> withoutChallenge = get(noPkce.authorizationUrl(false, "S256"), null);
		assertRedirectError(withoutChallenge, noPkce.redirectUri, "invalid_request");
		HttpResponse<String> plainChallenge = get(noPkce.authorizationUrl(true, "plain"), null);
		assertRedirectError(plainChallenge, noPkce.redirectUri, "invalid_request");

		// no implicit flow
		String implicit = discovery.path("authorization_endpoint").asString() + "?" + form("response_type", "token",
				"client_id", SPA_CLIENT, "redirect_uri", noPkce.redirectUri, "scope", "openid", "nonce", randomToken(8));
		HttpResponse<String> implicitResponse = get(implicit, null);
		assertEquals(302, implicitResponse.statusCode(), implicitResponse::body);
		assertTrue(implicitResponse.headers().firstValue("Location").orElse("").contains("error=unauthorized_client"),
				() -> "implicit flow: " + implicitResponse.headers().map());

		// no direct (password) grant for either public client
		for (String client : List.of(SPA_CLIENT, MOBILE_CLIENT)) {
			HttpResponse<String> direct = postForm(tokenEndpoint(), form("grant_type", "password", "client_id", client,
					"username", "alice", "password", "alice-demo-password", "scope", "openid " + SELF), null);
			assertNotEquals(200, direct.statusCode(), () -> client + " accepted a password grant: " + direct.body());
		}

		// a redirect outside the registered ones is refused by Keycloak itself
		PkceRequest foreign = PkceRequest.create(SPA_CLIENT, "https://attacker.example/callback", "openid");
		HttpResponse<String> foreignRedirect = get(foreign.authorizationUrl(true, "S256"), null);
		assertEquals(400, foreignRedirect.statusCode(), "unregistered redirect_uri");
	}

	// ------------------------------------------------------------------------------------------
	// the portal with Keycloak's tokens

	@Test
	@Order(2)
	void embeddedIssuerEndpointsAreNotServed() throws Exception {
		HttpResponse<String> devTokens = send(HttpRequest.newBuilder(URI.create(portalBase + "/dev/tokens"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"sub\":\"mallory\",\"scopes\":[\"privacy.staff\",\"privacy.admin\"],\"email\":\"m@example.com\",\"name\":\"Mallory\"}")));
		assertNotServed("POST /dev/tokens", devTokens);
		HttpResponse<String> jwks = get(portalBase + "/.well-known/jwks.json", null);
		assertNotServed("GET /.well-known/jwks.json", jwks);
	}

	@Test
	@Order(3)
	void subjectSignsInWithPkceRegistersFromTheTokenAndChangesConsents() throws Exception {
		Tokens alice = signIn(SPA_CLIENT, loopbackRedirect(), "alice", "alice-demo-password", "openid " + SELF);
		assertEquals(issuer, alice.claims.path("iss").asString());
		assertTrue(audiences(alice.claims).contains(AUDIENCE), () -> "aud of alice's token: " + alice.claims);
		assertTrue(scopes(alice.claims).contains(SELF), () -> "scope of alice's token: " + alice.claims);
		assertEquals("alice@example.com", alice.claims.path("email").asString());
		assertEquals("Alice Example", alice.claims.path("name").asString());

		String meQuery = "{ me { id profile { email fullName } consents { purposes { purpose { key } granted source } } } }";
		Gql first = graphql(alice.accessToken, meQuery);
		first.assertNoErrors();
		JsonNode me = first.data().path("me");
		aliceSubjectId = me.path("id").asString();
		assertFalse(aliceSubjectId.isBlank(), () -> "me.id: " + first.body);
		assertEquals("alice@example.com", me.path("profile").path("email").asString(), () -> "profile from the token: " + first.body);
		assertEquals("Alice Example", me.path("profile").path("fullName").asString(), () -> "profile from the token: " + first.body);
		JsonNode marketing = purpose(me, "company-marketing");
		assertNotNull(marketing, () -> "company-marketing in the consents: " + first.body);
		assertTrue(marketing.path("granted").asBoolean(), () -> "company-marketing is granted by default: " + first.body);

		Gql update = graphql(alice.accessToken, """
				mutation { updateConsents(input: {changes: [{purposeKey: "company-marketing", granted: false}], channel: "interop"}) {
				  consents { purposes { purpose { key } granted source } }
				  userErrors { code message } } }""");
		update.assertNoErrors();
		JsonNode payload = update.data().path("updateConsents");
		assertEquals(0, payload.path("userErrors").size(), () -> "userErrors: " + update.body);
		JsonNode changed = purpose(payload.path("consents").path("purposes"), "company-marketing");
		assertNotNull(changed, () -> "company-marketing after the change: " + update.body);
		assertFalse(changed.path("granted").asBoolean(), () -> "company-marketing after the change: " + update.body);
		assertEquals("SUBJECT", changed.path("source").asString(), () -> "source of the change: " + update.body);

		// a second sign-in is the same subject, and the change was kept
		Tokens again = signIn(SPA_CLIENT, loopbackRedirect(), "alice", "alice-demo-password", "openid " + SELF);
		Gql second = graphql(again.accessToken, meQuery);
		second.assertNoErrors();
		assertEquals(aliceSubjectId, second.data().path("me").path("id").asString(), () -> "same subject: " + second.body);
		assertFalse(purpose(second.data().path("me"), "company-marketing").path("granted").asBoolean(),
				() -> "the change was kept: " + second.body);
	}

	@Test
	@Order(4)
	void staffTokenFromClientCredentialsListsSubjectsAndIsNoSubject() throws Exception {
		ensureAliceRegistered();
		Tokens staff = clientCredentials(STAFF_TOOLS_CLIENT, STAFF_TOOLS_SECRET);
		assertTrue(audiences(staff.claims).contains(AUDIENCE), () -> "aud of the staff-tools token: " + staff.claims);
		assertEquals(Set.of(STAFF), scopes(staff.claims), () -> "scope of the staff-tools token: " + staff.claims);

		Gql list = graphql(staff.accessToken, "{ subjects(first: 10) { totalCount edges { node { id profile { email } } } } }");
		list.assertNoErrors();
		JsonNode subjects = list.data().path("subjects");
		assertTrue(subjects.path("totalCount").asInt() >= 1, () -> "totalCount: " + list.body);
		boolean aliceListed = subjects.path("edges").valueStream()
			.map(edge -> edge.path("node"))
			.anyMatch(node -> node.path("id").asString().equals(aliceSubjectId)
					&& node.path("profile").path("email").asString().equals("alice@example.com"));
		assertTrue(aliceListed, () -> "alice (" + aliceSubjectId + ") among the subjects: " + list.body);

		Gql me = graphql(staff.accessToken, "{ me { id } }");
		me.assertForbidden("me");
	}

	@Test
	@Order(5)
	void subjectAskingForTheStaffScopeDoesNotGetItNorStaffData() throws Exception {
		Tokens alice = signIn(SPA_CLIENT, loopbackRedirect(), "alice", "alice-demo-password",
				"openid " + SELF + " " + STAFF + " " + ADMIN);
		Set<String> granted = scopes(alice.claims);
		assertTrue(granted.contains(SELF), () -> "scope: " + granted);
		assertFalse(granted.contains(STAFF), () -> "a subject was granted " + STAFF + ": " + granted);
		assertFalse(granted.contains(ADMIN), () -> "a subject was granted " + ADMIN + ": " + granted);

		graphql(alice.accessToken, "{ subjects(first: 10) { totalCount edges { node { id } } } }").assertForbidden("subjects");
		graphql(alice.accessToken, "{ subject(id: \"" + (aliceSubjectId == null ? "x" : aliceSubjectId) + "\") { id } }")
			.assertForbidden("subject");
	}

	@Test
	@Order(6)
	void staffMemberDoesNotGetTheAdminScopeAndIsNoSubject() throws Exception {
		Tokens sam = signIn(SPA_CLIENT, loopbackRedirect(), "sam", "sam-demo-password",
				"openid " + SELF + " " + STAFF + " " + ADMIN);
		assertEquals(Set.of(STAFF), privacyScopes(sam.claims), () -> "sam's scope: " + sam.claims.path("scope"));
		graphql(sam.accessToken, "{ subjects(first: 1) { totalCount } }").assertNoErrors();
		graphql(sam.accessToken, "{ me { id } }").assertForbidden("me");
	}

	@Test
	@Order(7)
	void officerSignsInOnTheMobileClientWithItsCustomSchemeRedirect() throws Exception {
		Tokens olivia = signIn(MOBILE_CLIENT, MOBILE_REDIRECT, "olivia", "olivia-demo-password",
				"openid " + STAFF + " " + ADMIN);
		assertEquals(Set.of(STAFF, ADMIN), privacyScopes(olivia.claims), () -> "olivia's scope: " + olivia.claims.path("scope"));
		assertTrue(audiences(olivia.claims).contains(AUDIENCE), () -> "aud: " + olivia.claims);
		Gql list = graphql(olivia.accessToken, "{ subjects(first: 1) { totalCount } }");
		list.assertNoErrors();
	}

	@Test
	@Order(8)
	void tokenForAnotherAudienceIs401() throws Exception {
		Tokens other = clientCredentials("interop-other-audience", "interop-other-audience-secret");
		assertFalse(audiences(other.claims).contains(AUDIENCE), () -> "aud: " + other.claims);
		assertTrue(scopes(other.claims).contains(STAFF), () -> "the token otherwise looks like staff: " + other.claims);
		graphql(other.accessToken, "{ subjects(first: 1) { totalCount } }").assertUnauthorized("a token for audience " + other.claims.path("aud"));
	}

	@Test
	@Order(9)
	void expiredTokenIs401() throws Exception {
		// This test client's access token lifespan is negative: Keycloak signs tokens that expired ten minutes ago.
		Tokens expired = clientCredentials("interop-expired-tokens", "interop-expired-secret");
		assertTrue(audiences(expired.claims).contains(AUDIENCE), () -> "aud: " + expired.claims);
		long exp = expired.claims.path("exp").asLong();
		long wait = exp + 65 - Instant.now().getEpochSecond(); // past any validator's clock skew (Spring's is 60 s)
		if (wait > 0) {
			log("the token expires at %s; waiting %ds", Instant.ofEpochSecond(exp), wait);
			Thread.sleep(TimeUnit.SECONDS.toMillis(wait));
		}
		graphql(expired.accessToken, "{ subjects(first: 1) { totalCount } }")
			.assertUnauthorized("a token that expired at " + Instant.ofEpochSecond(exp));
	}

	@Test
	@Order(10)
	void tokenFromASecondRealmIs401() throws Exception {
		String secondIssuer = keycloakBase + "/realms/" + SECOND_REALM;
		HttpResponse<String> response = postForm(secondIssuer + "/protocol/openid-connect/token", form("grant_type",
				"client_credentials", "client_id", "impostor-staff-tools", "client_secret", "interop-second-realm-secret"), null);
		assertEquals(200, response.statusCode(), response::body);
		Tokens impostor = Tokens.of(response.body());
		assertEquals(secondIssuer, impostor.claims.path("iss").asString());
		assertTrue(audiences(impostor.claims).contains(AUDIENCE), () -> "aud: " + impostor.claims);
		assertTrue(scopes(impostor.claims).contains(STAFF), () -> "scope: " + impostor.claims);
		graphql(impostor.accessToken, "{ subjects(first: 1) { totalCount } }").assertUnauthorized("a token from " + secondIssuer);
	}

	// ------------------------------------------------------------------------------------------
	// OAuth2 over plain HTTP

	record Tokens(String accessToken, JsonNode claims) {

		static Tokens of(String tokenResponse) {
			JsonNode body = JSON.readTree(tokenResponse);
			String access = body.path("access_token").asString();
			assertFalse(access.isBlank(), () -> "no access_token in " + tokenResponse);
			return new Tokens(access, decodeClaims(access));
		}

	}

	record PkceRequest(String clientId, String redirectUri, String scope, String verifier, String state, String nonce) {

		static PkceRequest create(String clientId, String redirectUri, String scope) {
			return new PkceRequest(clientId, redirectUri, scope, randomToken(48), randomToken(16), randomToken(16));
		}

		String authorizationUrl(boolean withChallenge, String method) {
			List<String> params = new ArrayList<>(List.of("response_type", "code", "client_id", clientId, "redirect_uri",
					redirectUri, "scope", scope, "state", state, "nonce", nonce));
			if (withChallenge) {
				String challenge = method.equals("plain") ? verifier : base64Url(sha256(verifier));
				params.addAll(List.of("code_challenge", challenge, "code_challenge_method", method));
			}
			return discovery.path("authorization_endpoint").asString() + "?" + form(params.toArray(String[]::new));
		}

	}

	/** What a browser does: load the login page, post the credentials with its cookies, follow the code back. */
	static Tokens signIn(String clientId, String redirectUri, String username, String password, String scope) throws Exception {
		PkceRequest request = PkceRequest.create(clientId, redirectUri, scope);
		Map<String, String> cookies = new LinkedHashMap<>();

		HttpResponse<String> loginPage = get(request.authorizationUrl(true, "S256"), null);
		assertEquals(200, loginPage.statusCode(), () -> "login page for " + clientId + ": " + loginPage.statusCode() + " "
				+ loginPage.headers().firstValue("Location").orElse("") + " " + loginPage.body());
		keepCookies(loginPage, cookies);
		String action = loginFormAction(loginPage.body());

		HttpResponse<String> loggedIn = send(HttpRequest.newBuilder(URI.create(action))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", cookieHeader(cookies))
			.POST(HttpRequest.BodyPublishers.ofString(form("username", username, "password", password, "credentialId", ""))));
		assertEquals(302, loggedIn.statusCode(), () -> "sign-in of " + username + " did not redirect: " + loggedIn.statusCode()
				+ " " + loggedIn.body());
		String location = loggedIn.headers().firstValue("Location").orElseThrow();
		assertTrue(location.startsWith(redirectUri + "?"), () -> "redirect after sign-in: " + location);
		Map<String, String> callback = queryParameters(URI.create(location).getRawQuery());
		assertEquals(request.state, callback.get("state"), "state echoed back");
		assertEquals(issuer, callback.get("iss"), "iss in the authorization response (RFC 9207)");
		String code = callback.get("code");
		assertNotNull(code, () -> "no code in " + location);

		HttpResponse<String> tokens = postForm(tokenEndpoint(), form("grant_type", "authorization_code", "client_id",
				clientId, "code", code, "redirect_uri", redirectUri, "code_verifier", request.verifier), null);
		assertEquals(200, tokens.statusCode(), () -> "code exchange: " + tokens.body());
		return Tokens.of(tokens.body());
	}

	static Tokens clientCredentials(String clientId, String secret) throws Exception {
		HttpResponse<String> response = postForm(tokenEndpoint(), form("grant_type", "client_credentials"),
				"Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
		assertEquals(200, response.statusCode(), () -> "client credentials for " + clientId + ": " + response.body());
		return Tokens.of(response.body());
	}

	static String loginFormAction(String html) {
		Matcher form = Pattern.compile("<form\\b[^>]*\\bid=\"kc-form-login\"[^>]*>", Pattern.CASE_INSENSITIVE).matcher(html);
		assertTrue(form.find(), () -> "no login form in Keycloak's page: " + abbreviate(html, 2000));
		Matcher action = Pattern.compile("\\baction=\"([^\"]+)\"").matcher(form.group());
		assertTrue(action.find(), () -> "no action on the login form: " + form.group());
		return htmlUnescape(action.group(1));
	}

	/**
	 * Keycloak marks its cookies {@code Secure}; browsers send those to http://127.0.0.1 (a potentially
	 * trustworthy origin), java.net.CookieManager does not, so a minimal jar stands in.
	 */
	static void keepCookies(HttpResponse<?> response, Map<String, String> cookies) {
		for (String header : response.headers().allValues("Set-Cookie")) {
			String pair = header.split(";", 2)[0];
			int eq = pair.indexOf('=');
			if (eq <= 0) {
				continue;
			}
			String name = pair.substring(0, eq).trim();
			String value = pair.substring(eq + 1).trim();
			boolean deleted = value.isEmpty() || header.toLowerCase().contains("max-age=0");
			if (deleted) {
				cookies.remove(name);
			}
			else {
				cookies.put(name, value);
			}
		}
	}

	static String cookieHeader(Map<String, String> cookies) {
		return cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; "));
	}

	static String tokenEndpoint() {
		return discovery.path("token_endpoint").asString();
	}

	static String loopbackRedirect() {
		// any port on the loopback address is accepted (RFC 8252 §7.3), as for a dev server
		return "http://127.0.0.1:" + (20000 + RANDOM.nextInt(40000)) + "/callback";
	}

	static void assertRedirectError(HttpResponse<String> response, String redirectUri, String error) {
		assertEquals(302, response.statusCode(), () -> "expected a redirect with error=" + error + ": " + response.body());
		String location = response.headers().firstValue("Location").orElse("");
		assertTrue(location.startsWith(redirectUri) && location.contains("error=" + error),
				() -> "expected error=" + error + " at " + redirectUri + ", got " + location);
	}

	// ------------------------------------------------------------------------------------------
	// the portal's API

	record Gql(int status, HttpResponse<String> response, JsonNode body) {

		JsonNode data() {
			return body.path("data");
		}

		void assertNoErrors() {
			assertEquals(200, status, () -> "HTTP " + status + " " + response.headers().map() + " " + response.body());
			assertTrue(body.path("errors").isMissingNode() || body.path("errors").isEmpty(), () -> "errors: " + response.body());
		}

		void assertForbidden(String field) {
			assertEquals(200, status, () -> "a valid token without the scope must be HTTP 200, got " + status + " "
					+ response.headers().map() + " " + response.body());
			JsonNode errors = body.path("errors");
			assertTrue(errors.isArray() && !errors.isEmpty(), () -> "expected a FORBIDDEN error on " + field + ": " + response.body());
			assertEquals("FORBIDDEN", errors.get(0).path("extensions").path("classification").asString(),
					() -> "errors[0].extensions.classification on " + field + ": " + response.body());
			JsonNode data = body.path("data");
			// data is null when a non-null field failed; otherwise the field is present and null (GraphQL spec, "Errors and Non-Null Fields")
			assertTrue(data.isMissingNode() || data.isNull() || (data.has(field) && data.get(field).isNull()),
					() -> "data." + field + " must be present and null (a response without the field is not valid GraphQL): "
							+ response.body());
		}

		void assertUnauthorized(String what) {
			assertEquals(401, status, () -> what + " must be HTTP 401, got " + status + " " + response.headers().map() + " "
					+ response.body());
			String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
			assertTrue(challenge.regionMatches(true, 0, "Bearer", 0, 6),
					() -> what + ": WWW-Authenticate must be a Bearer challenge, got '" + challenge + "'");
		}

	}

	static Gql graphql(String accessToken, String query) throws Exception {
		String payload = JSON.writeValueAsString(Map.of("query", query, "variables", Map.of()));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(portalBase + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(payload));
		if (accessToken != null) {
			request.header("Authorization", "Bearer " + accessToken);
		}
		HttpResponse<String> response = send(request);
		JsonNode body;
		try {
			body = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
		}
		catch (RuntimeException notJson) {
			body = JSON.missingNode();
		}
		return new Gql(response.statusCode(), response, body);
	}

	static JsonNode purpose(JsonNode subjectOrPurposes, String key) {
		JsonNode purposes = subjectOrPurposes.isArray() ? subjectOrPurposes
				: subjectOrPurposes.path("consents").path("purposes");
		return purposes.valueStream().filter(p -> p.path("purpose").path("key").asString().equals(key)).findFirst().orElse(null);
	}

	static void ensureAliceRegistered() throws Exception {
		if (aliceSubjectId == null) {
			Tokens alice = signIn(SPA_CLIENT, loopbackRedirect(), "alice", "alice-demo-password", "openid " + SELF);
			Gql me = graphql(alice.accessToken, "{ me { id } }");
			me.assertNoErrors();
			aliceSubjectId = me.data().path("me").path("id").asString();
		}
	}

	static void assertNotServed(String what, HttpResponse<String> response) {
		int status = response.statusCode();
		assertTrue(status == 401 || status == 404 || status == 405 || status == 403,
				() -> what + " must not exist when OAUTH2_ISSUER_URI is set (expected 404 or 401), got " + status + " "
						+ abbreviate(response.body(), 500));
	}

	// ------------------------------------------------------------------------------------------
	// JWT claims (decoded, not verified: the portal is what verifies)

	static JsonNode decodeClaims(String jwt) {
		String[] parts = jwt.split("\\.");
		assertEquals(3, parts.length, "a JWS compact serialization");
		return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
	}

	static Set<String> scopes(JsonNode claims) {
		JsonNode scope = claims.path("scope");
		if (scope.isString()) {
			return Stream.of(scope.asString().trim().split("\\s+")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
		}
		return claims.path("scp").valueStream().map(JsonNode::asString).collect(Collectors.toSet());
	}

	static Set<String> privacyScopes(JsonNode claims) {
		return scopes(claims).stream().filter(s -> s.startsWith("privacy.")).collect(Collectors.toSet());
	}

	static Set<String> audiences(JsonNode claims) {
		JsonNode aud = claims.path("aud");
		if (aud.isString()) {
			return Set.of(aud.asString());
		}
		return aud.valueStream().map(JsonNode::asString).collect(Collectors.toSet());
	}

	// ------------------------------------------------------------------------------------------
	// processes

	static synchronized void stopAll() {
		stop("the portal", portal);
		portal = null;
		stop("Keycloak", keycloak);
		keycloak = null;
	}

	/** SIGTERM to the whole tree (kc.sh forwards it too), then SIGKILL for whatever is left after a grace period. */
	static void stop(String name, Process process) {
		if (process == null) {
			return;
		}
		ProcessHandle root = process.toHandle();
		List<ProcessHandle> tree = Stream.concat(root.descendants(), Stream.of(root)).toList();
		tree.forEach(ProcessHandle::destroy);
		awaitExit(tree, Duration.ofSeconds(30));
		List<ProcessHandle> left = tree.stream().filter(ProcessHandle::isAlive).toList();
		if (!left.isEmpty()) {
			log("%s did not stop within 30s; killing %s", name, left.stream().map(ProcessHandle::pid).toList());
			left.forEach(ProcessHandle::destroyForcibly);
			awaitExit(left, Duration.ofSeconds(10));
		}
		String exit = process.isAlive() ? "still running!" : "exit code " + process.exitValue();
		log("%s stopped (%s; 143 is a clean stop after SIGTERM)", name, exit);
	}

	static void awaitExit(List<ProcessHandle> processes, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (ProcessHandle handle : processes) {
			try {
				handle.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (Exception timeoutOrInterrupt) {
				if (timeoutOrInterrupt instanceof InterruptedException) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

	interface Check {

		boolean ready() throws Exception;

	}

	static void waitFor(String name, Process process, Duration timeout, Check check) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		Exception last = null;
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				fail(name + " exited with code " + process.exitValue() + " while starting; see its log below");
			}
			try {
				if (check.ready()) {
					return;
				}
			}
			catch (Exception notYet) {
				last = notYet;
			}
			Thread.sleep(500);
		}
		fail(name + " was not ready within " + timeout.toSeconds() + "s" + (last == null ? "" : " (last: " + last + ")"));
	}

	static void reportKeycloakMemory() {
		if (keycloak == null) {
			return;
		}
		Stream.concat(Stream.of(keycloak.toHandle()), keycloak.toHandle().descendants())
			.filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
			.forEach(h -> {
				Map<String, String> status = procStatus(h.pid());
				log("Keycloak (pid %d) resident memory: %s now, %s peak", h.pid(), status.getOrDefault("VmRSS", "?"),
						status.getOrDefault("VmHWM", "?"));
			});
	}

	static Map<String, String> procStatus(long pid) {
		try {
			return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
				.filter(line -> line.startsWith("VmRSS:") || line.startsWith("VmHWM:"))
				.collect(Collectors.toMap(line -> line.substring(0, line.indexOf(':')),
						line -> line.substring(line.indexOf(':') + 1).trim()));
		}
		catch (IOException | RuntimeException notLinux) {
			return Map.of();
		}
	}

	// ------------------------------------------------------------------------------------------
	// finding Keycloak, its Java and the portal jar

	static Path keycloakHome(Path buildDir) throws IOException {
		String configured = System.getProperty("keycloak.home");
		Path home;
		if (configured != null) {
			home = Path.of(configured);
		}
		else {
			Path unpacked = buildDir.resolve("keycloak");
			try (Stream<Path> dirs = Files.isDirectory(unpacked) ? Files.list(unpacked) : Stream.empty()) {
				home = dirs.filter(d -> Files.isRegularFile(d.resolve("bin/kc.sh"))).findFirst().orElse(unpacked);
			}
		}
		if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
			fail("No Keycloak distribution at " + home + " (bin/kc.sh missing). Run this test through the Maven "
					+ "profile, which unpacks org.keycloak:keycloak-quarkus-dist there: ./mvnw -Pkeycloak verify");
		}
		home.resolve("bin/kc.sh").toFile().setExecutable(true);
		return home;
	}

	static Path portalJar(Path buildDir) throws IOException {
		String configured = System.getProperty("portal.jar");
		if (configured != null) {
			return existing(Path.of(configured), "the portal jar (built by the package phase)");
		}
		try (Stream<Path> jars = Files.isDirectory(buildDir) ? Files.list(buildDir) : Stream.empty()) {
			return jars.filter(p -> p.getFileName().toString().matches("privacy-portal-.*\\.jar"))
				.findFirst()
				.orElseGet(() -> fail("No portal jar in " + buildDir + ": run ./mvnw -Pkeycloak verify"));
		}
	}

	static Path existing(Path path, String what) {
		if (!Files.isRegularFile(path)) {
			fail("Missing " + what + ": " + path);
		}
		return path.toAbsolutePath();
	}

	/**
	 * Keycloak 26 needs Java 21 or newer; the build itself may run on 17. KEYCLOAK_JAVA_HOME wins,
	 * then the running JVM if it is new enough, then the newest JDK under the usual install roots.
	 */
	static Path findKeycloakJava() throws IOException {
		String explicit = System.getenv("KEYCLOAK_JAVA_HOME");
		if (explicit != null && !explicit.isBlank()) {
			Path home = Path.of(explicit);
			int major = javaMajor(home);
			if (major < MIN_KEYCLOAK_JAVA) {
				fail("KEYCLOAK_JAVA_HOME=" + explicit + " is " + (major < 0 ? "not a Java installation (no bin/java with a release file)"
						: "Java " + major) + "; Keycloak 26 needs a Java " + MIN_KEYCLOAK_JAVA + "+ runtime there.");
			}
			return home;
		}
		if (Runtime.version().feature() >= MIN_KEYCLOAK_JAVA) {
			return Path.of(System.getProperty("java.home"));
		}
		List<Path> roots = new ArrayList<>(List.of(Path.of("/usr/lib/jvm"), Path.of("/usr/java"), Path.of("/opt/java"),
				Path.of("/opt"), Path.of("/Library/Java/JavaVirtualMachines"),
				Path.of(System.getProperty("user.home"), ".sdkman/candidates/java"), Path.of(System.getProperty("user.home"), ".jdks")));
		Optional.ofNullable(System.getenv("JAVA_HOME")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(roots::add);
		Map<Path, Integer> found = new TreeMap<>();
		for (Path root : roots) {
			for (Path candidate : javaHomesUnder(root)) {
				int major = javaMajor(candidate);
				if (major > 0) {
					found.putIfAbsent(candidate.toRealPath(), major);
				}
			}
		}
		return found.entrySet().stream()
			.filter(e -> e.getValue() >= MIN_KEYCLOAK_JAVA)
			.max(Map.Entry.comparingByValue())
			.map(Map.Entry::getKey)
			.orElseGet(() -> fail("Keycloak 26 needs a Java " + MIN_KEYCLOAK_JAVA + "+ runtime and none was found: this JVM is Java "
					+ Runtime.version().feature() + ", KEYCLOAK_JAVA_HOME is not set, and the JDKs under "
					+ roots.stream().map(Path::toString).collect(Collectors.joining(", ")) + " are "
					+ (found.isEmpty() ? "none" : found.toString()) + ". Install a JDK " + MIN_KEYCLOAK_JAVA
					+ " or newer and set KEYCLOAK_JAVA_HOME to it."));
	}

	static List<Path> javaHomesUnder(Path root) {
		List<Path> homes = new ArrayList<>();
		if (!Files.isDirectory(root)) {
			return homes;
		}
		homes.add(root);
		try (Stream<Path> children = Files.list(root)) {
			children.filter(Files::isDirectory).forEach(dir -> {
				homes.add(dir);
				homes.add(dir.resolve("Contents/Home")); // macOS bundles
			});
		}
		catch (IOException | UncheckedIOException unreadable) {
			// skip
		}
		return homes;
	}

	/** The feature version from {@code <home>/release}, or -1 when this is not a runnable Java home. */
	static int javaMajor(Path home) {
		Path release = home.resolve("release");
		if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
			return -1;
		}
		Properties properties = new Properties();
		try (var in = Files.newInputStream(release)) {
			properties.load(in);
		}
		catch (IOException unreadable) {
			return -1;
		}
		String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "").trim();
		Matcher m = Pattern.compile("^(?:1\\.)?(\\d+)").matcher(version);
		return m.find() ? Integer.parseInt(m.group(1)) : -1;
	}

	// ------------------------------------------------------------------------------------------
	// logs on failure

	static class LogTailOnFailure implements TestWatcher, LifecycleMethodExecutionExceptionHandler {

		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			failed = true;
		}

		@Override
		public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
			failed = true;
			throw throwable;
		}

		@Override
		public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
			printLogTails();
			throw throwable;
		}

	}

	static void printLogTails() {
		for (Path file : new Path[] { keycloakLog, portalLog }) {
			if (file != null && Files.isRegularFile(file)) {
				System.err.println("----- last lines of " + file + " -----");
				System.err.println(tail(file, 80));
				System.err.println("----- end of " + file.getFileName() + " -----");
			}
		}
	}

	static String tail(Path file, int lines) {
		try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
			long length = in.length();
			long start = Math.max(0, length - 64 * 1024);
			in.seek(start);
			byte[] bytes = new byte[(int) (length - start)];
			in.readFully(bytes);
			List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException e) {
			return "(unreadable: " + e + ")";
		}
	}

	// ------------------------------------------------------------------------------------------
	// small helpers

	static HttpResponse<String> get(String url, String authorization) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request);
	}

	static HttpResponse<String> postForm(String url, String body, String authorization) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request);
	}

	static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	static String form(String... keyValues) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < keyValues.length; i += 2) {
			if (out.length() > 0) {
				out.append('&');
			}
			out.append(URLEncoder.encode(keyValues[i], StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(keyValues[i + 1], StandardCharsets.UTF_8));
		}
		return out.toString();
	}

	static Map<String, String> queryParameters(String rawQuery) {
		Map<String, String> params = new LinkedHashMap<>();
		if (rawQuery == null) {
			return params;
		}
		for (String pair : rawQuery.split("&")) {
			int eq = pair.indexOf('=');
			String key = eq < 0 ? pair : pair.substring(0, eq);
			String value = eq < 0 ? "" : pair.substring(eq + 1);
			params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return params;
	}

	static String htmlUnescape(String text) {
		Matcher entity = Pattern.compile("&(#x[0-9a-fA-F]+|#\\d+|amp|quot|apos|lt|gt);").matcher(text);
		StringBuilder out = new StringBuilder();
		while (entity.find()) {
			String name = entity.group(1);
			String replacement = switch (name) {
				case "amp" -> "&";
				case "quot" -> "\"";
				case "apos" -> "'";
				case "lt" -> "<";
				case "gt" -> ">";
				default -> new String(Character.toChars(name.startsWith("#x") ? Integer.parseInt(name.substring(2), 16)
						: Integer.parseInt(name.substring(1))));
			};
			entity.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		entity.appendTail(out);
		return out.toString();
	}

	static String randomToken(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return base64Url(random);
	}

	static String base64Url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

	static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	static String abbreviate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max) + "…";
	}

	static void log(String format, Object... args) {
		System.out.printf("[keycloak-interop] " + format + "%n", args);
	}

}
