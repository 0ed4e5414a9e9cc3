package org.privacyportal.store;

import com.mongodb.client.MongoClient;
import com.mongodb.connection.ServerDescription;
import org.bson.Document;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Pings {@code admin}, which both MongoDB and the embedded store answer (Boot's own indicator sends
 * {@code hello} to the application database, which the embedded store refuses). While the driver
 * knows no reachable server it is DOWN at once, instead of waiting out the server selection.
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
		if (client.getClusterDescription().getServerDescriptions().stream().noneMatch(ServerDescription::isOk)) {
			builder.down();
			return;
		}
		client.getDatabase("admin").runCommand(new Document("ping", 1));
		builder.up();
	}

}
