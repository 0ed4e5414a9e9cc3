package org.privacyportal.store;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Data every request reads and rarely changes (the purpose catalog, the policy, the callers' profile
 * languages), held in memory on each instance.
 *
 * @param refreshInterval how often an instance compares its copy's stamp with the store's, and how
 * long it keeps a caller's profile language, so it sees another instance's change within this long
 */
@ConfigurationProperties("portal.cache")
public record CacheProperties(@DefaultValue("PT2S") Duration refreshInterval) {
}
