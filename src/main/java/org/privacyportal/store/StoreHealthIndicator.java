package org.privacyportal.store;

import com.mongodb.client.MongoClient;
import org.bson.Document;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Pings {@code admin}, which both MongoDB and the embedded store answer (Boot's own indicator sends
 * {@code hello} to the application database, which the embedded store refuses).
 */
@Component("mongoHealthIndicator")
class StoreHealthIndicator extends AbstractHealthIndicator {

	private final MongoClient client;

	StoreHealthIndicator(MongoClient client) {
		super("MongoDB health check failed");
		this.client = client;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		client.getDatabase("admin").runCommand(new Document("ping", 1));
		builder.up();
	}

}
