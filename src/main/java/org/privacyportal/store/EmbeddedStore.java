package org.privacyportal.store;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server on its H2 file, listening on one loopback port for its whole life: after a
 * {@link #stop()} it starts again on the same port and file, and the driver reconnects by itself.
 */
final class EmbeddedStore {

	private final Path file;

	private final int cacheSizeMb;

	private int port;

	private MongoServer server;

	EmbeddedStore(Path file, int cacheSizeMb, int port) {
		this.file = file;
		this.cacheSizeMb = cacheSizeMb;
		this.port = port;
	}

	synchronized void start() {
		if (server != null) {
			return;
		}
		MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(cacheSizeMb).open();
		MongoServer started = new MongoServer(new IndexedBackend(store));
		started.bind("127.0.0.1", port);
		DataDirectory.ownerOnly(file);
		port = started.getLocalAddress().getPort();
		server = started;
	}

	/** Closes every connection and the H2 file. */
	synchronized void stop() {
		if (server != null) {
			server.shutdown();
			server = null;
		}
	}

	InetSocketAddress address() {
		return new InetSocketAddress("127.0.0.1", port);
	}

}
