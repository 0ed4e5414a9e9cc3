package org.privacyportal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts mongo-java-server on loopback with its H2 backend when no MongoDB is configured. The
 * connection details bean depends on the bound server, so the server listens before the client is
 * built.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.mongodb.uri:}'.isBlank()")
class EmbeddedStoreConfiguration {

	static final String DATABASE = "privacy-portal";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreConfiguration.class);

	@Bean(destroyMethod = "shutdown")
	MongoServer embeddedMongoServer(StoreProperties properties) {
		Path file = dataFile(properties.dataDir());
		MVStore store = new MVStore.Builder().fileName(file.toString())
			.cacheSize(properties.cacheSizeMb())
			.open();
		MongoServer server = new MongoServer(new H2Backend(store));
		server.bind("127.0.0.1", properties.port());
		log.info("Store: embedded mongo-java-server (H2) on {}, data file {}", server.getLocalAddress(),
				file.toAbsolutePath().normalize());
		return server;
	}

	@Bean
	MongoConnectionDetails embeddedMongoConnectionDetails(MongoServer embeddedMongoServer) {
		InetSocketAddress address = embeddedMongoServer.getLocalAddress();
		ConnectionString uri = new ConnectionString(
				"mongodb://127.0.0.1:" + address.getPort() + "/" + DATABASE);
		return () -> uri;
	}

	private static Path dataFile(Path dataDir) {
		try {
			Files.createDirectories(dataDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the data directory " + dataDir, ex);
		}
		return dataDir.resolve("portal.mv.db");
	}

}
