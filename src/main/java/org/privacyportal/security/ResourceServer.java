package org.privacyportal.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.servlet.LocaleResolver;

/**
 * What the bearer-token layer answers besides 401: 503 while the identity provider cannot be reached
 * (Spring Security would let that escape as a 500), and an RFC 9728 document that states what the
 * portal actually accepts.
 */
final class ResourceServer {

	private static final Logger log = LoggerFactory.getLogger(ResourceServer.class);

	private ResourceServer() {
	}

	/** The 503's message is in the language {@code Accept-Language} asks for. */
	static void configure(OAuth2ResourceServerConfigurer<HttpSecurity> resourceServer, IdentityProperties properties,
			MessageSource messages, LocaleResolver locales) {
		resourceServer.withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {

			@Override
			public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
				filter.setAuthenticationFailureHandler(failureHandler(messages, locales));
				return filter;
			}
		}).protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(
				document -> describe(document, properties)));
	}

	/**
	 * RFC 9728: the issuer whose tokens are accepted (the embedded one is the portal itself, at the
	 * resource's own address), the scopes, bearer tokens in the header only, no binding to a client
	 * certificate.
	 */
	private static void describe(OAuth2ProtectedResourceMetadata.Builder document, IdentityProperties properties) {
		document.resourceName("Privacy Portal").claims(claims -> {
			claims.remove("tls_client_certificate_bound_access_tokens");
			claims.put("authorization_servers", List.of(
					properties.embeddedIssuer() ? String.valueOf(claims.get("resource")) : properties.issuerUri()));
			claims.put("scopes_supported", List.of(Scopes.SELF, Scopes.STAFF, Scopes.ADMIN));
			claims.put("bearer_methods_supported", List.of("header"));
		});
	}

	private static AuthenticationFailureHandler failureHandler(MessageSource messages, LocaleResolver locales) {
		AuthenticationFailureHandler unauthorized = new AuthenticationEntryPointFailureHandler(
				new BearerTokenAuthenticationEntryPoint());
		return (HttpServletRequest request, HttpServletResponse response, AuthenticationException ex) -> {
			if (ex instanceof AuthenticationServiceException) {
				log.warn("A bearer token could not be checked: {}", rootCause(ex));
				unavailable(response, messages.getMessage("error.identity-unavailable", null, locales.resolveLocale(request)));
				return;
			}
			unauthorized.onAuthenticationFailure(request, response, ex);
		};
	}

	private static void unavailable(HttpServletResponse response, String message) throws IOException {
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, "30");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		response.getWriter()
			.write(JsonMapper.shared()
				.writeValueAsString(Map.of("errors",
						List.of(Map.of("message", message, "extensions", Map.of("classification", "UNAVAILABLE"))))));
	}

	private static String rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName();
	}

}
