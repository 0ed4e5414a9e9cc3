package org.privacyportal.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which browser origins may call the API.
 *
 * @param allowedOrigins origins or patterns ({@code https://*.example.com}, {@code http://localhost:*});
 * unset means the loopback origins with the embedded issuer and none with an external one
 */
@ConfigurationProperties("portal.cors")
public record CorsProperties(@Nullable List<String> allowedOrigins) {
}
