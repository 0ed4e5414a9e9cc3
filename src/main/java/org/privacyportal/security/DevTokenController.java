package org.privacyportal.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The embedded issuer's endpoints; they exist only while no external issuer is configured. */
@RestController
@ConditionalOnEmbeddedIssuer
class DevTokenController {

	/** Set by Tomcat's {@code RemoteIpValve} ({@code server.forward-headers-strategy=native}) when it replaced the address. */
	private static final String TOMCAT_FORWARDED = "org.apache.tomcat.request.forwarded";

	private static final Set<String> KNOWN_SCOPES = Set.of(Scopes.SELF, Scopes.STAFF, Scopes.ADMIN);

	private final DevTokenIssuer issuer;

	DevTokenController(DevTokenIssuer issuer) {
		this.issuer = issuer;
	}

	@GetMapping("/.well-known/jwks.json")
	Map<String, Object> jwks() {
		return issuer.publicJwks();
	}

	@PostMapping("/dev/tokens")
	ResponseEntity<Map<String, Object>> token(@Valid @RequestBody DevTokenRequest body, HttpServletRequest request) {
		if (!fromLoopback(request)) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN)
				.body(Map.of("error", "access_denied", "error_description", "Development tokens are issued to loopback callers only"));
		}
		List<String> scopes = body.scopes() == null ? List.of() : body.scopes();
		List<String> unknown = scopes.stream().filter(s -> !KNOWN_SCOPES.contains(s)).toList();
		if (!unknown.isEmpty()) {
			return ResponseEntity.badRequest()
				.body(Map.of("error", "invalid_scope", "error_description", "Unknown scopes: " + unknown + "; known: " + KNOWN_SCOPES));
		}
		String token = issuer.issue(body.sub(), scopes, body.email(), body.name());
		return ResponseEntity.ok(Map.of("access_token", token, "token_type", "Bearer", "expires_in", issuer.lifetimeSeconds()));
	}

	/**
	 * The socket peer decides, never a forwarding header: with {@code server.forward-headers-strategy}
	 * on (Spring Boot turns it on by itself on Kubernetes) the remote address comes from
	 * {@code X-Forwarded-For}, and a proxy on this host makes every caller loopback. So Spring's
	 * request wrappers are looked through, and a request that carries any forwarding header, or whose
	 * address Tomcat's {@code RemoteIpValve} already replaced, is refused.
	 */
	private static boolean fromLoopback(HttpServletRequest request) {
		ServletRequest peer = request;
		while (peer instanceof ServletRequestWrapper wrapper) {
			peer = wrapper.getRequest();
		}
		if (forwarded((HttpServletRequest) peer)) {
			return false;
		}
		try {
			return InetAddress.getByName(peer.getRemoteAddr()).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static boolean forwarded(HttpServletRequest request) {
		return request.getAttribute(TOMCAT_FORWARDED) != null || Collections.list(request.getHeaderNames())
			.stream()
			.map(name -> name.toLowerCase(Locale.ROOT))
			.anyMatch(name -> name.equals("forwarded") || name.startsWith("x-forwarded-") || name.equals("x-real-ip"));
	}

	record DevTokenRequest(@NotBlank @Size(max = 255) String sub, @Nullable List<String> scopes,
			@Nullable @Email @Size(max = 254) String email, @Nullable @Size(max = 200) String name) {
	}

}
