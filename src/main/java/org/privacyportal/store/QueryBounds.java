package org.privacyportal.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

/**
 * What a query allows of each top-level field, loosely: every document the query matches has a value
 * inside its field's bounds, though not every document inside them matches. Equality and
 * {@code $in} give points, {@code $gt}, {@code $gte}, {@code $lt} and {@code $lte} a range,
 * {@code $and} narrows, an {@code $or} bounds a field that each of its branches bounds; whatever
 * else a query says is left to the store's matcher.
 */
final class QueryBounds {

	private QueryBounds() {
	}

	static Map<String, Bound> of(Document query) {
		Map<String, Bound> bounds = new HashMap<>();
		query.forEach((key, value) -> {
			if (key.equals("$and") && value instanceof Collection<?> parts) {
				parts.forEach(part -> {
					if (part instanceof Document document) {
						of(document).forEach((field, bound) -> narrow(bounds, field, bound));
					}
				});
			}
			else if (key.equals("$or") && value instanceof Collection<?> branches) {
				either(branches).forEach((field, bound) -> narrow(bounds, field, bound));
			}
			else if (!key.startsWith("$")) {
				Bound bound = ofField(value);
				if (bound != null) {
					narrow(bounds, key, bound);
				}
			}
		});
		return bounds;
	}

	private static Map<String, Bound> either(Collection<?> branches) {
		Map<String, Bound> union = null;
		for (Object branch : branches) {
			if (!(branch instanceof Document document)) {
				return Map.of();
			}
			Map<String, Bound> bounds = of(document);
			if (union == null) {
				union = bounds;
			}
			else {
				Map<String, Bound> both = new HashMap<>();
				union.forEach((field, bound) -> {
					Bound other = bounds.get(field);
					if (other != null) {
						both.put(field, bound.or(other));
					}
				});
				union = both;
			}
		}
		return union == null ? Map.of() : union;
	}

	private static Bound ofField(Object condition) {
		if (!(condition instanceof Document operators)) {
			return point(condition);
		}
		if (operators.isEmpty() || !operators.keySet().stream().allMatch(key -> key.startsWith("$"))) {
			return null;
		}
		Bound bound = null;
		for (Map.Entry<String, Object> operator : operators.entrySet()) {
			Object value = operator.getValue();
			Bound next = switch (operator.getKey()) {
				case "$eq" -> point(value);
				case "$in" -> points(value);
				case "$gt" -> valued(value) ? Range.above(value, false) : null;
				case "$gte" -> valued(value) ? Range.above(value, true) : null;
				case "$lt" -> valued(value) ? Range.below(value, false) : null;
				case "$lte" -> valued(value) ? Range.below(value, true) : null;
				default -> null;
			};
			if (next != null) {
				bound = bound == null ? next : bound.and(next);
			}
		}
		return bound;
	}

	private static Bound point(Object value) {
		return valued(value) ? Points.of(List.of(value)) : null;
	}

	private static Bound points(Object values) {
		if (!(values instanceof Collection<?> list) || !list.stream().allMatch(QueryBounds::valued)) {
			return null;
		}
		return Points.of(list);
	}

	/** A value whose matches are exactly the values that compare equal to it (null also matches a missing field). */
	private static boolean valued(Object value) {
		return value != null && !(value instanceof Missing) && SortedIndex.orderable(value);
	}

	private static void narrow(Map<String, Bound> bounds, String field, Bound bound) {
		bounds.merge(field, bound, Bound::and);
	}

	private static int compare(Object a, Object b) {
		return ValueComparator.asc().compare(a, b);
	}

	sealed interface Bound permits Points, Range {

		Bound and(Bound other);

		Bound or(Bound other);

		Range hull();

	}

	/** The values allowed, each once, in ascending order. */
	record Points(List<Object> values) implements Bound {

		static Points of(Collection<?> values) {
			TreeSet<Object> distinct = new TreeSet<>(ValueComparator.asc());
			distinct.addAll(values);
			return new Points(List.copyOf(distinct));
		}

		@Override
		public Bound and(Bound other) {
			List<Object> kept = new ArrayList<>();
			for (Object value : values) {
				if (other instanceof Points points ? points.contains(value) : ((Range) other).contains(value)) {
					kept.add(value);
				}
			}
			return new Points(kept);
		}

		@Override
		public Bound or(Bound other) {
			if (other instanceof Points points) {
				List<Object> all = new ArrayList<>(values);
				all.addAll(points.values);
				return of(all);
			}
			return hull().or(other);
		}

		@Override
		public Range hull() {
			if (values.isEmpty()) {
				return Range.EMPTY;
			}
			return new Range(new End(values.get(0), true), new End(values.get(values.size() - 1), true));
		}

		private boolean contains(Object value) {
			return values.stream().anyMatch(point -> compare(point, value) == 0);
		}

	}

	/** From {@code low} to {@code high}. */
	record Range(End low, End high) implements Bound {

		static final Range ALL = new Range(End.OPEN, End.OPEN);

		static final Range EMPTY = new Range(new End(1, false), new End(0, false));

		static Range above(Object value, boolean included) {
			return new Range(new End(value, included), End.OPEN);
		}

		static Range below(Object value, boolean included) {
			return new Range(End.OPEN, new End(value, included));
		}

		@Override
		public Bound and(Bound other) {
			if (other instanceof Points) {
				return other.and(this);
			}
			Range range = (Range) other;
			return new Range(low.tighter(range.low, 1), high.tighter(range.high, -1));
		}

		@Override
		public Bound or(Bound other) {
			Range range = other.hull();
			if (isEmpty()) {
				return range;
			}
			if (range.isEmpty()) {
				return this;
			}
			return new Range(low.looser(range.low, 1), high.looser(range.high, -1));
		}

		@Override
		public Range hull() {
			return this;
		}

		boolean isEmpty() {
			if (low.isOpen() || high.isOpen()) {
				return false;
			}
			int cmp = compare(low.value, high.value);
			return cmp > 0 || cmp == 0 && !(low.included && high.included);
		}

		boolean contains(Object value) {
			return (low.isOpen() || low.admits(compare(value, low.value)))
					&& (high.isOpen() || high.admits(-compare(value, high.value)));
		}

	}

	/** One end of a range: a value, included or not, or none ({@link #OPEN}). */
	record End(Object value, boolean included) {

		static final End OPEN = new End(null, false);

		boolean isOpen() {
			return value == null;
		}

		/** Whether a value this far inside (positive) or outside (negative) of this end is in. */
		boolean admits(int inside) {
			return inside > 0 || inside == 0 && included;
		}

		/** The narrower of two ends on one side: {@code side} 1 for low ends, -1 for high ones. */
		End tighter(End other, int side) {
			if (isOpen()) {
				return other;
			}
			if (other.isOpen()) {
				return this;
			}
			int cmp = compare(value, other.value) * side;
			return cmp > 0 ? this : cmp < 0 ? other : new End(value, included && other.included);
		}

		/** The wider of two ends on one side. */
		End looser(End other, int side) {
			if (isOpen() || other.isOpen()) {
				return OPEN;
			}
			int cmp = compare(value, other.value) * side;
			return cmp < 0 ? this : cmp > 0 ? other : new End(value, included || other.included);
		}

	}

}
