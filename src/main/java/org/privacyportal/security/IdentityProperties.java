package org.privacyportal.security;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Who issues the tokens the portal accepts.
 *
 * @param issuerUri an OIDC issuer ({@code OAUTH2_ISSUER_URI}); blank starts the embedded
 * development issuer
 * @param audience required {@code aud} value ({@code OAUTH2_AUDIENCE}); blank is not checked
 * @param keyDir where the embedded issuer keeps its RSA key ({@code PORTAL_DATA_DIR})
 * @param devIssuer the {@code iss} the embedded issuer signs with
 * @param devTokenLifetime how long embedded tokens live
 * @param clockSkew how far {@code exp} and {@code nbf} may be off, for clocks that differ between
 * the identity provider and the portal
 */
@ConfigurationProperties("portal.identity")
public record IdentityProperties(@Nullable String issuerUri, @Nullable String audience,
		@DefaultValue("./data") Path keyDir, @DefaultValue("urn:privacy-portal:dev-issuer") String devIssuer,
		@DefaultValue("1h") Duration devTokenLifetime, @DefaultValue("60s") Duration clockSkew) {

	public boolean embeddedIssuer() {
		return !StringUtils.hasText(issuerUri);
	}

	public boolean audienceRequired() {
		return StringUtils.hasText(audience);
	}

}
