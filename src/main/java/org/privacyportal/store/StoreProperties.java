package org.privacyportal.store;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded store, used while no {@code MONGODB_URI} is set.
 *
 * @param dataDir where the H2 file lives ({@code PORTAL_DATA_DIR})
 * @param cacheSizeMb H2's page cache; without one every unindexed query reads the file
 * @param port loopback port of the embedded wire server, 0 for any free one
 * @param timeout how long a request waits for a store it cannot reach (embedded or not) before it
 * fails with a clear error
 */
@ConfigurationProperties("portal.store")
public record StoreProperties(@DefaultValue("./data") Path dataDir, @DefaultValue("256") int cacheSizeMb,
		@DefaultValue("0") int port, @DefaultValue("10s") Duration timeout) {
}
