package org.privacyportal.store;

import java.time.Clock;
import java.util.function.Supplier;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Makes the {@link StampedCache}s of the features, each named by its stamp. */
@Component
public class StampedCaches {

	private final MongoTemplate mongo;

	private final Clock clock;

	private final CacheProperties properties;

	StampedCaches(MongoTemplate mongo, Clock clock, CacheProperties properties) {
		this.mongo = mongo;
		this.clock = clock;
		this.properties = properties;
	}

	public <T> StampedCache<T> of(String name, Supplier<T> loader) {
		return new StampedCache<>(mongo, clock, properties.refreshInterval(), name, loader);
	}

}
