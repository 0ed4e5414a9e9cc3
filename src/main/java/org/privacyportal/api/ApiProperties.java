package org.privacyportal.api;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the GraphQL endpoint.
 *
 * @param maxQueryDepth deepest selection accepted
 * @param maxQueryComplexity most fields (aliases included) one request may select
 * @param maxRequestSize largest request body; room for a privacy policy of 200,000 characters
 * @param explorer GraphiQL and introspection; unset means on with the embedded issuer, off with an
 * external one
 */
@ConfigurationProperties("portal.api")
public record ApiProperties(@DefaultValue("12") int maxQueryDepth, @DefaultValue("300") int maxQueryComplexity,
		@DefaultValue("512KB") DataSize maxRequestSize, @Nullable Boolean explorer) {
}
