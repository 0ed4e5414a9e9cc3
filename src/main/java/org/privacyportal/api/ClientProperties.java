package org.privacyportal.api;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What GraphQL clients get beyond plain POSTs.
 *
 * @param persistedQueries location of an {@code apollo-persisted-query-manifest} (version 1), a file path
 * or {@code classpath:…} ({@code PORTAL_PERSISTED_QUERIES}); its operations are known by hash from the start
 * @param persistedQueriesOnly run nothing but the manifest's operations ({@code PORTAL_PERSISTED_QUERIES_ONLY})
 * @param documentCacheSize parsed and validated documents kept per instance, automatic persisted
 * queries included
 * @param publicMaxAge how long shared caches may keep a {@code GET /graphql} answer given without a token
 */
@ConfigurationProperties("portal.graphql")
public record ClientProperties(@Nullable String persistedQueries, boolean persistedQueriesOnly,
		@DefaultValue("1000") int documentCacheSize, @DefaultValue("60s") Duration publicMaxAge) {
}
