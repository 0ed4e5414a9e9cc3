package org.privacyportal.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

import org.privacyportal.store.QueryBounds.Bound;
import org.privacyportal.store.QueryBounds.End;
import org.privacyportal.store.QueryBounds.Points;
import org.privacyportal.store.QueryBounds.Range;
import org.privacyportal.store.SortedIndex.Key;

/**
 * How one {@link SortedIndex} answers a sorted query, if it can: the leading index fields the query
 * pins to a few values split the index into ranges, the next field's bounds narrow each range, and
 * each range already runs in the query's order when every sort field is an index field in index
 * order (or all reversed) after the pinned ones, with {@code _id} last only once every index field
 * is used. The ranges are merged on the sort fields, so documents come in the query's order and the
 * caller stops after the ones it needs.
 */
final class IndexScan {

	/** Beyond this many pinned combinations the index walks fewer, wider ranges. */
	private static final int MAX_RANGES = 64;

	private static final String ID = "_id";

	private final SortedIndex index;

	private final List<Object[]> prefixes;

	private final Range next;

	private final Order order;

	/** How many leading fields the query bounds, to choose between indexes. */
	private final int bounded;

	private IndexScan(SortedIndex index, List<Object[]> prefixes, Range next, Order order, int bounded) {
		this.index = index;
		this.prefixes = prefixes;
		this.next = next;
		this.order = order;
		this.bounded = bounded;
	}

	int bounded() {
		return bounded;
	}

	SortedIndex index() {
		return index;
	}

	/** The plan, or null when this index cannot give the documents in {@code orderBy}'s order. */
	static IndexScan of(SortedIndex index, Map<String, Bound> bounds, Document orderBy) {
		if (!index.ordersEveryDocument()) {
			return null;
		}
		String[] fields = index.fields();
		List<Object[]> prefixes = new ArrayList<>();
		prefixes.add(new Object[0]);
		int pinned = 0;
		while (pinned < fields.length && bounds.get(fields[pinned]) instanceof Points points
				&& prefixes.size() * Math.max(1, points.values().size()) <= MAX_RANGES) {
			List<Object[]> longer = new ArrayList<>();
			for (Object[] prefix : prefixes) {
				for (Object value : points.values()) {
					Object[] values = Arrays.copyOf(prefix, pinned + 1);
					values[pinned] = value;
					longer.add(values);
				}
			}
			prefixes = longer;
			pinned++;
		}
		Bound bound = pinned < fields.length ? bounds.get(fields[pinned]) : null;
		Range next = bound == null ? Range.ALL : bound.hull();
		Order order = sortOrder(index, pinned, orderBy);
		if (order == null) {
			return null;
		}
		return new IndexScan(index, prefixes, next, order, pinned + (bound == null ? 0 : 1));
	}

	/**
	 * The order of {@code orderBy} over index keys, with {@code _id} deciding ties in the direction
	 * the index is walked; null when a walk of the index does not give that order.
	 */
	private static Order sortOrder(SortedIndex index, int pinned, Document orderBy) {
		String[] fields = index.fields();
		List<Integer> sortFields = new ArrayList<>();
		List<Boolean> sortAscending = new ArrayList<>();
		Boolean forward = null;
		int field = 0;
		Iterator<Map.Entry<String, Object>> sort = orderBy.entrySet().iterator();
		Map.Entry<String, Object> wanted = sort.hasNext() ? sort.next() : null;
		for (; field < fields.length; field++) {
			if (wanted != null && wanted.getKey().equals(fields[field])) {
				Boolean ascending = ascending(wanted.getValue());
				if (ascending == null || forward != null && forward != (ascending == index.ascending(field))) {
					return null;
				}
				forward = ascending == index.ascending(field);
				sortFields.add(field);
				sortAscending.add(ascending);
				wanted = sort.hasNext() ? sort.next() : null;
			}
			else if (field >= pinned) {
				break;
			}
		}
		if (wanted != null) {
			Boolean ascending = ascending(wanted.getValue());
			if (!wanted.getKey().equals(ID) || sort.hasNext() || field < fields.length || ascending == null
					|| forward != null && forward != ascending) {
				return null;
			}
			forward = ascending;
		}
		return forward == null ? null : new Order(sortFields, sortAscending, forward);
	}

	private static Boolean ascending(Object direction) {
		if (!(direction instanceof Number number) || number.doubleValue() == 0) {
			return null;
		}
		return number.doubleValue() > 0;
	}

	/** The keys and positions of the documents that may match, in the query's order. */
	Iterator<Entry<Key, Object>> entries() {
		List<Iterator<Entry<Key, Object>>> ranges = new ArrayList<>();
		if (!next.isEmpty()) {
			for (Object[] prefix : prefixes) {
				ranges.add(index.range(from(prefix), to(prefix), order.forward).entrySet().iterator());
			}
		}
		return ranges.size() == 1 ? ranges.get(0) : merged(ranges);
	}

	/** The first key of a range in index order: its low end, or its high end on a descending field. */
	private Key from(Object[] prefix) {
		return start(prefix, index.ascending(prefix.length) ? next.low() : next.high(), -1);
	}

	private Key to(Object[] prefix) {
		return start(prefix, index.ascending(prefix.length) ? next.high() : next.low(), 1);
	}

	/** A bound before ({@code side} -1) or after (1) the documents from {@code prefix} up to {@code end}. */
	private Key start(Object[] prefix, End end, int side) {
		if (prefix.length == index.fields().length || end.isOpen()) {
			return side < 0 ? Key.before(prefix) : Key.after(prefix);
		}
		Object[] values = Arrays.copyOf(prefix, prefix.length + 1);
		values[prefix.length] = end.value();
		return end.included() == (side < 0) ? Key.before(values) : Key.after(values);
	}

	private Iterator<Entry<Key, Object>> merged(List<Iterator<Entry<Key, Object>>> ranges) {
		PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> order.compare(a.entry.getKey(), b.entry.getKey()));
		for (Iterator<Entry<Key, Object>> range : ranges) {
			if (range.hasNext()) {
				heads.add(new Head(range.next(), range));
			}
		}
		return new Iterator<>() {

			@Override
			public boolean hasNext() {
				return !heads.isEmpty();
			}

			@Override
			public Entry<Key, Object> next() {
				Head head = heads.poll();
				if (head == null) {
					throw new NoSuchElementException();
				}
				if (head.rest.hasNext()) {
					heads.add(new Head(head.rest.next(), head.rest));
				}
				return head.entry;
			}
		};
	}

	private record Head(Entry<Key, Object> entry, Iterator<Entry<Key, Object>> rest) {
	}

	/**
	 * The query's sort over index keys: its index fields, each ascending or not, then {@code _id} in
	 * the direction the index is walked.
	 */
	private record Order(List<Integer> fields, List<Boolean> ascending, boolean forward) implements Comparator<Key> {

		@Override
		public int compare(Key a, Key b) {
			for (int i = 0; i < fields.size(); i++) {
				int cmp = ValueComparator.asc().compare(a.values()[fields.get(i)], b.values()[fields.get(i)]);
				if (cmp != 0) {
					return ascending.get(i) ? cmp : -cmp;
				}
			}
			int cmp = ValueComparator.asc().compare(a.id(), b.id());
			return forward ? cmp : -cmp;
		}

	}

}
