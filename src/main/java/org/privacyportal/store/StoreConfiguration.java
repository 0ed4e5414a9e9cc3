package org.privacyportal.store;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Scheduled sweeps run on every instance; ShedLock keeps each to one instance at a time. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT5M")
class StoreConfiguration {

	@Bean
	LockProvider lockProvider(MongoTemplate mongoTemplate) {
		return new MongoLockProvider(mongoTemplate.getCollection("shedlock"));
	}

}
