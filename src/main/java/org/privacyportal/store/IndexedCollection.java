package org.privacyportal.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import org.privacyportal.store.QueryBounds.Bound;
import org.privacyportal.store.SortedIndex.Key;

/**
 * The store's H2 collection, except that a sorted query one of its {@link SortedIndex}es can give in
 * order walks that index and stops after the documents it needs, instead of filtering and sorting the
 * whole collection. The documents still pass the store's own matcher, skip, limit and projection;
 * before a document is read, the parts of the query on the index's fields are tried on its key. The
 * answer holds copies: the store changes its documents in place, and the reply is written after the
 * collection's lock is released.
 */
final class IndexedCollection extends H2Collection {

	private static final String ID = "_id";

	IndexedCollection(MongoDatabase database, String collectionName, CollectionOptions options,
			MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
		super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
	}

	@Override
	protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
			int batchSize, Document fieldSelector) {
		IndexScan scan = scan(query, orderBy);
		if (scan == null) {
			return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
		}
		SortedIndex index = scan.index();
		Document onKey = onKey(query, index);
		Stream<Document> documents = stream(scan.entries())
			.filter(entry -> onKey == null || documentMatchesQuery(keyDocument(index, entry.getKey()), onKey))
			.map(entry -> getDocument(entry.getValue()))
			.filter(document -> document != null && documentMatchesQuery(document, query))
			.map(Document::cloneDeeply);
		return matchDocumentsFromStream(documents, query, null, numberToSkip, limit, batchSize, fieldSelector);
	}

	/** Builds a new sorted index in one pass over the documents; the library reads them twice, to check and to add. */
	@Override
	public synchronized void addIndex(Index<Object> index) {
		if (index instanceof SortedIndex sorted && sorted.isEmpty()
				&& getIndexes().stream().noneMatch(existing -> existing.getName().equals(index.getName()))) {
			streamAllDocumentsWithPosition()
				.forEach(document -> sorted.add(document.getDocument(), document.getPosition(), this));
		}
		super.addIndex(index);
	}

	private IndexScan scan(Document query, Document orderBy) {
		if (query == null || orderBy == null || orderBy.isEmpty() || !ID.equals(getIdField())) {
			return null;
		}
		Map<String, Bound> bounds = QueryBounds.of(query);
		IndexScan best = null;
		for (Index<Object> index : getIndexes()) {
			if (index instanceof SortedIndex sorted) {
				IndexScan scan = IndexScan.of(sorted, bounds, orderBy);
				if (scan != null && (best == null || scan.bounded() > best.bounded())) {
					best = scan;
				}
			}
		}
		return best;
	}

	/** The parts of the query that read only the index's top-level fields and {@code _id}; null if none. */
	private static Document onKey(Document query, SortedIndex index) {
		Set<String> fields = new HashSet<>(List.of(index.fields()));
		fields.add(ID);
		List<Document> parts = new ArrayList<>();
		collect(query, fields, parts);
		return parts.isEmpty() ? null : new Document("$and", parts);
	}

	private static void collect(Document query, Set<String> fields, List<Document> parts) {
		query.forEach((key, value) -> {
			if (key.equals("$and") && value instanceof Collection<?> all) {
				all.forEach(part -> {
					if (part instanceof Document document) {
						collect(document, fields, parts);
					}
				});
			}
			else if (readsOnly(key, value, fields)) {
				parts.add(new Document(key, value));
			}
		});
	}

	private static boolean readsOnly(String key, Object value, Set<String> fields) {
		if (key.equals("$and") || key.equals("$or") || key.equals("$nor")) {
			return value instanceof Collection<?> all && !all.isEmpty() && all.stream()
				.allMatch(part -> part instanceof Document document && document.entrySet()
					.stream()
					.allMatch(entry -> readsOnly(entry.getKey(), entry.getValue(), fields)));
		}
		return fields.contains(key);
	}

	/** A document of the key's values, with exactly what the document has in those fields. */
	private static Document keyDocument(SortedIndex index, Key key) {
		Document document = new Document();
		String[] fields = index.fields();
		for (int i = 0; i < fields.length; i++) {
			if (!(key.values()[i] instanceof Missing)) {
				document.put(fields[i], key.values()[i]);
			}
		}
		document.put(ID, key.id());
		return document;
	}

	private static <T> Stream<T> stream(Iterator<T> iterator) {
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
	}

}
