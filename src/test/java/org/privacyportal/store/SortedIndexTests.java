package org.privacyportal.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store's sorted indexes answer exactly what the library's own scan answers: the same
 * writes and queries go over the real driver to a store with them and to mongo-java-server's plain
 * H2 backend, on random data with ties, missing fields and mixed number types.
 */
class SortedIndexTests {

	private static final List<String> STATUSES = List.of("PENDING", "IN_REVIEW", "APPROVED", "REJECTED");

	private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

	/** Sorts the indexes give (with {@code _id} last), and some they cannot, which the scan answers. */
	private static final List<Document> SORTS = List.of(Document.parse("{dueAt: 1, _id: 1}"),
			Document.parse("{dueAt: -1, _id: -1}"), Document.parse("{dueAt: -1, _id: 1}"),
			Document.parse("{status: 1, dueAt: 1, _id: 1}"), Document.parse("{status: -1, dueAt: -1, _id: -1}"),
			Document.parse("{rank: 1, dueAt: -1, _id: 1}"), Document.parse("{rank: -1, dueAt: 1, _id: -1}"),
			Document.parse("{rank: 1, dueAt: 1, _id: 1}"), Document.parse("{status: 1, _id: 1}"),
			Document.parse("{_id: -1}"), Document.parse("{subject: 1, _id: 1}"));

	private final List<MongoServer> servers = new ArrayList<>();

	private final List<MongoClient> clients = new ArrayList<>();

	private final Random random = new Random(20261203);

	private int nextId;

	private int planned;

	@AfterEach
	void stop() {
		clients.forEach(MongoClient::close);
		servers.forEach(MongoServer::shutdownNow);
	}

	@Test
	void sortedPagesAreWhatTheScanGivesThroughUpdatesThatMoveDocumentsAndDeletes() {
		Stores stores = stores(1000);

		for (int round = 0; round < 4; round++) {
			for (int n = 0; n < 100; n++) {
				compare(stores, randomQuery(stores.scanned));
			}
			mutate(stores);
		}
		compare(stores, new Query(new Document(), Document.parse("{dueAt: 1}"), 0, 0));

		assertThat(planned).as("queries the indexes answered").isGreaterThan(200);
	}

	@Test
	void theStaffQueuesAreAnsweredFromTheirIndexes() {
		IndexedBackend backend = new IndexedBackend(MVStore.open(null));
		MongoCollection<Document> indexed = open(backend);
		indexed.createIndexes(indexes());
		Document cursor = Document.parse("{$or: [{dueAt: {$gt: {$date: '2026-01-02T00:00:00Z'}}}, "
				+ "{dueAt: {$date: '2026-01-02T00:00:00Z'}, _id: {$gt: 'r-00042'}}]}");

		for (Query queue : List.of(
				new Query(Document.parse("{$and: [{status: {$in: ['PENDING']}}]}"), Document.parse("{dueAt: 1, _id: 1}"),
						0, 51),
				new Query(new Document("$and", List.of(Document.parse("{status: {$in: ['PENDING']}}"), cursor)),
						Document.parse("{dueAt: 1, _id: 1}"), 0, 51),
				new Query(Document.parse("{$and: [{status: {$in: ['PENDING', 'IN_REVIEW']}, "
						+ "dueAt: {$lt: {$date: '2026-01-03T00:00:00Z'}}, rank: {$in: [0, 1]}}]}"),
						Document.parse("{rank: 1, dueAt: -1, _id: 1}"), 0, 51))) {
			assertThat(plan(backend, queue)).as(queue.toString()).isNotNull();
		}
		assertThat(plan(backend, new Query(new Document(), Document.parse("{subject: 1, _id: 1}"), 0, 0))).isNull();
	}

	@Test
	void aDocumentTheIndexCannotOrderLeavesItsQueriesToTheScanUntilItIsGone() {
		Stores stores = stores(300);
		Query pending = new Query(Document.parse("{status: 'PENDING'}"), Document.parse("{dueAt: 1, _id: 1}"), 0, 20);
		stores.write(requests -> requests.insertOne(new Document("_id", "listed").append("status",
				List.of("PENDING", "APPROVED")).append("dueAt", Date.from(EPOCH))));

		assertThat(plan(stores.backend, pending)).isNull();
		compare(stores, pending);

		stores.write(requests -> requests.deleteOne(Filters.eq("_id", "listed")));
		assertThat(plan(stores.backend, pending)).isNotNull();
		compare(stores, pending);
	}

	@Test
	void theIndexesAreRebuiltWhenTheStoreOpensItsFileAgain(@TempDir Path directory) {
		String file = directory.resolve("store.mv.db").toString();
		MongoServer first = new MongoServer(new IndexedBackend(new MVStore.Builder().fileName(file).open()));
		MongoCollection<Document> written = connect(first);
		written.createIndexes(indexes());
		written.insertMany(documents(800));
		written.updateMany(Filters.eq("status", "PENDING"), Updates.set("rank", 2));
		List<Query> queries = new ArrayList<>();
		for (int n = 0; n < 60; n++) {
			queries.add(randomQuery(written));
		}
		close(first);

		IndexedBackend reopened = new IndexedBackend(new MVStore.Builder().fileName(file).open());
		MongoServer second = new MongoServer(reopened);
		MongoCollection<Document> indexed = connect(second);
		List<List<Object>> answers = queries.stream().map(query -> ids(indexed, query)).toList();
		int answeredByIndex = (int) queries.stream().filter(query -> plan(reopened, query) != null).count();
		close(second);

		MongoServer third = new MongoServer(new H2Backend(new MVStore.Builder().fileName(file).open()));
		MongoCollection<Document> scanned = connect(third);
		for (int n = 0; n < queries.size(); n++) {
			assertThat(answers.get(n)).as(queries.get(n).toString()).containsExactlyElementsOf(ids(scanned, queries.get(n)));
		}
		assertThat(answeredByIndex).isGreaterThan(20);
	}

	@Test
	void pagesReadWhileOthersWriteStayOrderedAndTheIndexEndsAsTheScanWould() throws Exception {
		IndexedBackend backend = new IndexedBackend(MVStore.open(null));
		MongoCollection<Document> indexed = open(backend);
		indexed.createIndexes(indexes());
		indexed.insertMany(documents(1000));
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (int writer = 0; writer < 2; writer++) {
				long seed = writer;
				work.add(threads.submit(() -> {
					Random own = new Random(seed);
					for (int n = 0; n < 400; n++) {
						String id = "r-%05d".formatted(own.nextInt(1000));
						indexed.updateOne(Filters.eq("_id", id), Updates.combine(
								Updates.set("status", STATUSES.get(own.nextInt(STATUSES.size()))),
								Updates.set("dueAt", Date.from(EPOCH.plusSeconds(3600L * own.nextInt(40))))));
					}
				}));
			}
			for (int reader = 0; reader < 2; reader++) {
				work.add(threads.submit(() -> {
					for (int n = 0; n < 200; n++) {
						List<Document> page = indexed.find(Filters.in("status", "PENDING", "IN_REVIEW"))
							.sort(Document.parse("{dueAt: 1, _id: 1}"))
							.limit(50)
							.into(new ArrayList<>());
						assertThat(page).allSatisfy(
								document -> assertThat(document.getString("status")).isIn("PENDING", "IN_REVIEW"));
						assertThat(page).isSortedAccordingTo(
								Comparator.comparing((Document document) -> document.getDate("dueAt"),
										Comparator.nullsFirst(Comparator.naturalOrder()))
									.thenComparing(document -> document.getString("_id")));
					}
				}));
			}
			for (Future<?> done : work) {
				done.get(5, TimeUnit.MINUTES);
			}
		}
		finally {
			threads.shutdownNow();
		}

		Stores stores = new Stores(backend, indexed, open(H2Backend.inMemory()));
		stores.scanned.insertMany(indexed.find().into(new ArrayList<>()));
		for (int n = 0; n < 100; n++) {
			compare(stores, randomQuery(stores.scanned));
		}
	}

	private static List<IndexModel> indexes() {
		return List.of(new IndexModel(Indexes.ascending("status", "dueAt")),
				new IndexModel(Indexes.compoundIndex(Indexes.ascending("rank"), Indexes.descending("dueAt"))),
				new IndexModel(Indexes.descending("dueAt")));
	}

	private List<Document> documents(int count) {
		List<Document> documents = new ArrayList<>();
		for (int n = 0; n < count; n++) {
			documents.add(randomDocument("r-%05d".formatted(nextId++)));
		}
		return documents;
	}

	/** Few distinct values, so ties are everywhere; some fields missing or null; ranks of three number types. */
	private Document randomDocument(String id) {
		Document document = new Document("_id", id).append("subject", "s-" + random.nextInt(50));
		int status = random.nextInt(STATUSES.size() + 1);
		if (status < STATUSES.size()) {
			document.append("status", STATUSES.get(status));
		}
		else if (random.nextBoolean()) {
			document.append("status", null);
		}
		if (random.nextInt(20) > 0) {
			document.append("dueAt", randomInstant());
		}
		switch (random.nextInt(5)) {
			case 0 -> document.append("rank", (long) random.nextInt(3));
			case 1 -> document.append("rank", (double) random.nextInt(3));
			case 2 -> {
			}
			default -> document.append("rank", random.nextInt(3));
		}
		return document;
	}

	private Date randomInstant() {
		return Date.from(EPOCH.plusSeconds(3600L * random.nextInt(40)));
	}

	private Query randomQuery(MongoCollection<Document> scanned) {
		List<Bson> parts = new ArrayList<>();
		switch (random.nextInt(4)) {
			case 0 -> parts.add(Filters.eq("status", pick(STATUSES)));
			case 1 -> parts.add(Filters.in("status", some(STATUSES)));
			case 2 -> parts.add(Filters.nin("status", some(STATUSES)));
			default -> {
			}
		}
		switch (random.nextInt(5)) {
			case 0 -> parts.add(Filters.lt("dueAt", randomInstant()));
			case 1 -> parts.add(Filters.gte("dueAt", randomInstant()));
			case 2 -> parts.add(Filters.and(Filters.gt("dueAt", randomInstant()), Filters.lte("dueAt", randomInstant())));
			case 3 -> parts.add(Filters.or(Filters.nin("status", some(STATUSES)), Filters.gte("dueAt", randomInstant())));
			default -> {
			}
		}
		switch (random.nextInt(4)) {
			case 0 -> parts.add(Filters.in("rank", some(List.of(0, 1L, 2.0))));
			case 1 -> parts.add(Filters.eq("rank", 1));
			case 2 -> parts.add(Filters.gt("rank", 0.5));
			default -> {
			}
		}
		Document sort = pick(SORTS);
		Query query = new Query(toDocument(parts.isEmpty() ? new Document() : Filters.and(parts)), sort,
				random.nextInt(3) == 0 ? random.nextInt(20) : 0, random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(60));
		if (random.nextInt(5) < 2) {
			List<Document> all = scanned.find(query.filter).sort(sort).into(new ArrayList<>());
			if (!all.isEmpty()) {
				Document after = all.get(random.nextInt(all.size()));
				query = new Query(new Document("$and", List.of(query.filter, keyset(sort, after))), sort, query.skip,
						query.limit);
			}
		}
		return query;
	}

	/** What Spring Data's keyset scrolling adds to a query to start after {@code after}. */
	private static Document keyset(Document sort, Document after) {
		List<Document> branches = new ArrayList<>();
		List<String> fields = new ArrayList<>(sort.keySet());
		for (int n = 0; n < fields.size(); n++) {
			Document branch = new Document();
			for (String equal : fields.subList(0, n)) {
				branch.append(equal, after.get(equal));
			}
			String field = fields.get(n);
			branch.append(field, new Document(sort.getInteger(field) > 0 ? "$gt" : "$lt", after.get(field)));
			branches.add(branch);
		}
		return new Document("$or", branches);
	}

	private Stores stores(int documents) {
		IndexedBackend backend = new IndexedBackend(MVStore.open(null));
		Stores stores = new Stores(backend, open(backend), open(H2Backend.inMemory()));
		List<Document> written = documents(documents);
		stores.write(requests -> requests.insertMany(written));
		// built from the documents already there, as when the store opens its file
		stores.write(requests -> requests.createIndexes(indexes()));
		return stores;
	}

	private void mutate(Stores stores) {
		for (int n = 0; n < 120; n++) {
			String id = "r-%05d".formatted(random.nextInt(nextId));
			Bson update = switch (random.nextInt(4)) {
				case 0 -> Updates.set("status", pick(STATUSES));
				case 1 -> Updates.set("dueAt", randomInstant());
				case 2 -> Updates.unset("dueAt");
				default -> Updates.combine(Updates.set("rank", random.nextInt(3)), Updates.set("status", pick(STATUSES)));
			};
			stores.write(requests -> requests.updateOne(Filters.eq("_id", id), update));
		}
		for (int n = 0; n < 60; n++) {
			String id = "r-%05d".formatted(random.nextInt(nextId));
			stores.write(requests -> requests.deleteOne(Filters.eq("_id", id)));
		}
		List<Document> added = documents(100);
		stores.write(requests -> requests.insertMany(added));
		String status = pick(STATUSES);
		Date dueAt = randomInstant();
		stores.write(requests -> requests.updateMany(Filters.eq("status", status), Updates.set("dueAt", dueAt)));
	}

	private void compare(Stores stores, Query query) {
		if (plan(stores.backend, query) != null) {
			planned++;
		}
		List<Object> expected = ids(stores.scanned, query);
		List<Object> actual = ids(stores.indexed, query);
		if (query.sort.containsKey("_id")) {
			assertThat(actual).as(query.toString()).containsExactlyElementsOf(expected);
		}
		else {
			assertThat(actual).as(query.toString()).containsExactlyInAnyOrderElementsOf(expected);
			assertThat(sortValues(stores.indexed, query)).as(query.toString())
				.isEqualTo(sortValues(stores.scanned, query));
		}
	}

	private static List<Object> ids(MongoCollection<Document> requests, Query query) {
		return query.find(requests).map(document -> document.get("_id")).into(new ArrayList<>());
	}

	private static List<Object> sortValues(MongoCollection<Document> requests, Query query) {
		return query.find(requests)
			.map(document -> (Object) query.sort.keySet().stream().map(document::get).toList())
			.into(new ArrayList<>());
	}

	private static IndexScan plan(IndexedBackend backend, Query query) {
		de.bwaldvogel.mongo.MongoCollection<?> collection = backend.resolveDatabase("test")
			.resolveCollection("requests", true);
		de.bwaldvogel.mongo.bson.Document filter = (de.bwaldvogel.mongo.bson.Document) inStore(query.filter);
		de.bwaldvogel.mongo.bson.Document sort = (de.bwaldvogel.mongo.bson.Document) inStore(query.sort);
		return collection.getIndexes()
			.stream()
			.filter(SortedIndex.class::isInstance)
			.map(index -> IndexScan.of((SortedIndex) index, QueryBounds.of(filter), sort))
			.filter(scan -> scan != null)
			.findFirst()
			.orElse(null);
	}

	/** A driver value as the store holds it after decoding. */
	private static Object inStore(Object value) {
		if (value instanceof Map<?, ?> map) {
			de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document();
			map.forEach((key, inner) -> document.put((String) key, inStore(inner)));
			return document;
		}
		if (value instanceof Collection<?> list) {
			return list.stream().map(SortedIndexTests::inStore).toList();
		}
		return value instanceof Date date ? date.toInstant() : value;
	}

	private static Document toDocument(Bson filter) {
		return Document.parse(filter.toBsonDocument().toJson());
	}

	private MongoCollection<Document> open(MongoBackend backend) {
		return connect(new MongoServer(backend));
	}

	private MongoCollection<Document> connect(MongoServer server) {
		servers.add(server);
		MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
		clients.add(client);
		return client.getDatabase("test").getCollection("requests");
	}

	private void close(MongoServer server) {
		server.shutdown();
		servers.remove(server);
	}

	private <T> T pick(List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	private <T> List<T> some(List<T> values) {
		List<T> chosen = new ArrayList<>();
		for (T value : values) {
			if (random.nextBoolean()) {
				chosen.add(value);
			}
		}
		return chosen.isEmpty() ? List.of(pick(values)) : chosen;
	}

	/** The same collection on a store with the sorted indexes and on the library's plain H2 backend. */
	private record Stores(IndexedBackend backend, MongoCollection<Document> indexed, MongoCollection<Document> scanned) {

		void write(Function<MongoCollection<Document>, ?> write) {
			write.apply(indexed);
			write.apply(scanned);
		}

	}

	private record Query(Document filter, Document sort, int skip, int limit) {

		com.mongodb.client.FindIterable<Document> find(MongoCollection<Document> requests) {
			return requests.find(filter).sort(sort).skip(skip).limit(limit);
		}

	}

}
