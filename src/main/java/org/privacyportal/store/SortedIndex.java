package org.privacyportal.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * A non-unique index of the embedded store, in memory: every document's indexed values and
 * {@code _id}, in the index's order, compared as the store sorts. Rebuilt from the documents when the
 * store opens. A document it cannot order (an array or a sub-document in an indexed field) is kept
 * aside, and while there is one the index answers no query.
 */
final class SortedIndex extends Index<Object> {

	private static final String ID = "_id";

	private final String[] fields;

	private final boolean[] ascending;

	private final Comparator<Key> order;

	private final ConcurrentSkipListMap<Key, Object> entries;

	private final Map<Object, Object> unordered = new ConcurrentHashMap<>();

	SortedIndex(String name, List<IndexKey> keys, boolean sparse) {
		super(name, keys, sparse);
		this.fields = keys.stream().map(IndexKey::getKey).toArray(String[]::new);
		this.ascending = new boolean[fields.length];
		for (int i = 0; i < fields.length; i++) {
			ascending[i] = keys.get(i).isAscending();
		}
		this.order = this::compare;
		this.entries = new ConcurrentSkipListMap<>(order);
	}

	String[] fields() {
		return fields;
	}

	boolean ascending(int field) {
		return ascending[field];
	}

	boolean ordersEveryDocument() {
		return unordered.isEmpty();
	}

	/** The entries from {@code from} to {@code to}, both bounds, in index order or reversed. */
	NavigableMap<Key, Object> range(Key from, Key to, boolean forward) {
		NavigableMap<Key, Object> range = entries.subMap(from, true, to, true);
		return forward ? range : range.descendingMap();
	}

	@Override
	public Object getPosition(Document document) {
		Key key = keyOf(document);
		return key == null ? unordered.get(idOf(document)) : entries.get(key);
	}

	@Override
	public void checkAdd(Document document, MongoCollection<Object> collection) {
		// not unique: nothing to refuse
	}

	@Override
	public void add(Document document, Object position, MongoCollection<Object> collection) {
		Key key = keyOf(document);
		if (key == null) {
			unordered.put(idOf(document), position);
		}
		else {
			entries.put(key, position);
		}
	}

	@Override
	public Object remove(Document document) {
		Key key = keyOf(document);
		return key == null ? unordered.remove(idOf(document)) : entries.remove(key);
	}

	@Override
	public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
		// not unique: nothing to refuse
	}

	@Override
	public void updateInPlace(Document oldDocument, Document newDocument, Object position,
			MongoCollection<Object> collection) {
		remove(oldDocument);
		add(newDocument, position, collection);
	}

	/** Queries come through {@link IndexedCollection}, which also knows their sort order. */
	@Override
	public boolean canHandle(Document query) {
		return false;
	}

	@Override
	public Iterable<Object> getPositions(Document query) {
		throw new UnsupportedOperationException();
	}

	@Override
	public long getCount() {
		return entries.size() + unordered.size();
	}

	@Override
	public boolean isEmpty() {
		return entries.isEmpty() && unordered.isEmpty();
	}

	@Override
	public long getDataSize() {
		return getCount();
	}

	@Override
	public void drop() {
		entries.clear();
		unordered.clear();
	}

	private static Object idOf(Document document) {
		return Missing.ofNullable(document.get(ID));
	}

	private Key keyOf(Document document) {
		Object id = document.get(ID);
		if (!orderable(id)) {
			return null;
		}
		Object[] values = new Object[fields.length];
		for (int i = 0; i < fields.length; i++) {
			values[i] = Utils.getSubdocumentValueCollectionAware(document, fields[i]);
			if (!orderable(values[i])) {
				return null;
			}
		}
		return new Key(values, id, 0);
	}

	/** The values compared here exactly as the store's own sort compares them. */
	static boolean orderable(Object value) {
		return value == null || value instanceof Missing || value instanceof String || value instanceof Integer
				|| value instanceof Long || value instanceof Double || value instanceof Boolean
				|| value instanceof Instant || value instanceof ObjectId || value instanceof UUID;
	}

	private int compare(Key a, Key b) {
		int common = Math.min(a.values.length, b.values.length);
		for (int i = 0; i < common; i++) {
			int cmp = ValueComparator.asc().compare(a.values[i], b.values[i]);
			if (cmp != 0) {
				return ascending[i] ? cmp : -cmp;
			}
		}
		if (a.values.length < b.values.length) {
			return a.tail;
		}
		if (a.values.length > b.values.length) {
			return -b.tail;
		}
		if (a.tail != 0 || b.tail != 0) {
			return Integer.compare(a.tail, b.tail);
		}
		return ValueComparator.asc().compare(a.id, b.id);
	}

	/**
	 * A document's place in the index ({@code tail} 0), or a bound just before ({@code tail} -1) or
	 * just after (+1) every document whose leading values are {@code values}.
	 */
	record Key(Object[] values, Object id, int tail) {

		static Key before(Object[] values) {
			return new Key(values, null, -1);
		}

		static Key after(Object[] values) {
			return new Key(values, null, 1);
		}

	}

}
