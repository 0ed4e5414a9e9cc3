package org.privacyportal.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a {@code kill -9} leaves of the embedded store is its file as it is on disk at that moment: a
 * copy of the file taken right after the last answer holds every write the store confirmed.
 */
class StoreDurabilityTests {

	@TempDir
	Path directory;

	private final List<MongoServer> servers = new ArrayList<>();

	private final List<MongoClient> clients = new ArrayList<>();

	@AfterEach
	void stop() {
		clients.forEach(MongoClient::close);
		servers.forEach(MongoServer::shutdownNow);
	}

	@Test
	void theFileHoldsEveryConfirmedWriteTheMomentItIsConfirmed() throws Exception {
		Path file = directory.resolve("store.mv");
		MongoCollection<Document> live = collection(new IndexedBackend(new MVStore.Builder().fileName(file.toString())
			.cacheSize(16)
			.open()));
		for (int n = 0; n < 50; n++) {
			live.insertOne(new Document("_id", n).append("status", "PENDING"));
		}
		live.updateOne(Filters.eq("_id", 7), Updates.set("status", "APPROVED"));
		live.findOneAndUpdate(Filters.eq("_id", 8), Updates.set("status", "REJECTED"));
		live.deleteOne(Filters.eq("_id", 9));

		Path crashed = directory.resolve("crashed.mv");
		Files.copy(file, crashed);
		MongoCollection<Document> recovered = collection(
				new H2Backend(new MVStore.Builder().fileName(crashed.toString()).open()));

		assertThat(recovered.countDocuments()).isEqualTo(49);
		assertThat(recovered.find(Filters.eq("_id", 7)).first()).containsEntry("status", "APPROVED");
		assertThat(recovered.find(Filters.eq("_id", 8)).first()).containsEntry("status", "REJECTED");
		assertThat(recovered.find(Filters.eq("_id", 49)).first()).containsEntry("status", "PENDING");
	}

	private MongoCollection<Document> collection(H2Backend backend) {
		MongoServer server = new MongoServer(backend);
		servers.add(server);
		server.bind("127.0.0.1", 0);
		MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
		clients.add(client);
		return client.getDatabase("durability").getCollection("cases");
	}

}
