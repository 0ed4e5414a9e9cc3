package org.privacyportal.store;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import com.mongodb.ConnectionString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts mongo-java-server on loopback with its H2 backend when no MongoDB is configured. The
 * connection details bean depends on the started store, so the store listens before the client is
 * built.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.mongodb.uri:}'.isBlank()")
class EmbeddedStoreConfiguration {

	static final String DATABASE = "privacy-portal";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreConfiguration.class);

	@Bean(destroyMethod = "stop")
	EmbeddedStore embeddedStore(StoreProperties properties) {
		DataDirectory.create(properties.dataDir());
		Path file = properties.dataDir().resolve("portal.mv.db");
		EmbeddedStore store = new EmbeddedStore(file, properties.cacheSizeMb(), properties.port());
		store.start();
		log.info("Store: embedded mongo-java-server (H2) on {}, data file {}", store.address(),
				file.toAbsolutePath().normalize());
		log.warn("The embedded store is for a single-user machine: it takes connections without a credential "
				+ "from any local user on {}. Anywhere else set MONGODB_URI.", store.address());
		return store;
	}

	@Bean
	MongoConnectionDetails embeddedMongoConnectionDetails(EmbeddedStore embeddedStore) {
		InetSocketAddress address = embeddedStore.address();
		ConnectionString uri = new ConnectionString("mongodb://127.0.0.1:" + address.getPort() + "/" + DATABASE);
		return () -> uri;
	}

}
