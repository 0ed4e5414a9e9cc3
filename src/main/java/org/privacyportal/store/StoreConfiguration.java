package org.privacyportal.store;

import java.util.concurrent.TimeUnit;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * One scheduling style for all background work: a {@code @Scheduled} method on Spring's task
 * scheduler, so intervals are settings and tests call the method itself. Periodic sweeps add
 * {@code @SchedulerLock}: ShedLock keeps each to one instance at a time. The workers that claim
 * their items one by one through {@link Leases} (exports, deletions, mail) run without the lock on
 * every instance at once: a lock left by a killed instance would hold them back for its
 * {@code lockAtMostFor}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT5M")
class StoreConfiguration {

	@Bean
	LockProvider lockProvider(MongoTemplate mongoTemplate) {
		return new MongoLockProvider(mongoTemplate.getCollection("shedlock"));
	}

	/** A store that is gone fails a request after {@code portal.store.timeout}, not the driver's 30 s. */
	@Bean
	MongoClientSettingsBuilderCustomizer storeTimeout(StoreProperties properties) {
		long millis = properties.timeout().toMillis();
		return settings -> settings
			.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
			.applyToSocketSettings(socket -> socket.connectTimeout(millis, TimeUnit.MILLISECONDS));
	}

}
