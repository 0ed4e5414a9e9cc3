package org.privacyportal.store;

import com.mongodb.ConnectionString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says which MongoDB the portal uses when one is configured; hosts and database only, no credentials. */
@Component
@ConditionalOnExpression("!'${spring.mongodb.uri:}'.isBlank()")
class ExternalStoreLog {

	private static final Logger log = LoggerFactory.getLogger(ExternalStoreLog.class);

	private final MongoConnectionDetails connection;

	ExternalStoreLog(MongoConnectionDetails connection) {
		this.connection = connection;
	}

	@EventListener(ApplicationReadyEvent.class)
	void logStore() {
		ConnectionString uri = connection.getConnectionString();
		log.info("Store: MongoDB at {}, database {}", uri.getHosts(), uri.getDatabase());
	}

}
