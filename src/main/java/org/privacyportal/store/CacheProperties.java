package org.privacyportal.store;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Data every request reads and admins rarely change (the purpose catalog, the policy), held in
 * memory on each instance.
 *
 * @param refreshInterval how often an instance compares its copy's stamp with the store's, so it
 * sees another instance's change within this long
 */
@ConfigurationProperties("portal.cache")
record CacheProperties(@DefaultValue("PT2S") Duration refreshInterval) {
}
