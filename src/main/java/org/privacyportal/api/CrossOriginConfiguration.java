package org.privacyportal.api;

import java.time.Duration;
import java.util.List;

import org.privacyportal.security.IdentityProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * CORS for the paths a browser app on another origin calls: {@code /graphql} (HTTP and the
 * WebSocket handshake, where browsers send {@code Origin} too), export downloads and the embedded
 * issuer's token endpoint. Spring Security applies it, and the WebSocket handler checks the handshake
 * against the entry for {@code /graphql}. Spring Security applies it before anything else, so a preflight never
 * needs a token and a request from another origin is refused without an
 * {@code Access-Control-Allow-Origin}. Bearer tokens, not cookies: credentials stay off.
 */
@Configuration(proxyBeanMethods = false)
class CrossOriginConfiguration {

	static final List<String> LOOPBACK = List.of("http://localhost:*", "http://127.0.0.1:*");

	@Bean
	UrlBasedCorsConfigurationSource corsConfigurationSource(CorsProperties properties, IdentityProperties identity) {
		CorsConfiguration cors = cors(properties, identity);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/graphql", cors);
		source.registerCorsConfiguration("/exports/*/download", cors);
		source.registerCorsConfiguration("/dev/tokens", cors);
		return source;
	}

	static CorsConfiguration cors(CorsProperties properties, IdentityProperties identity) {
		List<String> origins = properties.allowedOrigins() != null ? properties.allowedOrigins()
				: identity.embeddedIssuer() ? LOOPBACK : List.of();
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOriginPatterns(origins.stream().map(String::strip).filter(o -> !o.isEmpty())
			.map(CrossOriginConfiguration::anyPort).toList());
		cors.setAllowedMethods(List.of("GET", "POST"));
		cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "Idempotency-Key",
				HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.RANGE));
		cors.setExposedHeaders(List.of(HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.CONTENT_RANGE,
				HttpHeaders.ACCEPT_RANGES));
		cors.setAllowCredentials(false);
		cors.setMaxAge(Duration.ofHours(1));
		return cors;
	}

	/** {@code http://localhost:*} in Spring's notation, which also matches the default port. */
	private static String anyPort(String origin) {
		return origin.endsWith(":*") ? origin.substring(0, origin.length() - 1) + "[*]" : origin;
	}

}
