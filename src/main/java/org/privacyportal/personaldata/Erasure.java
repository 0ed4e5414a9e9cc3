package org.privacyportal.personaldata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** One step of erasing a subject's documents of a declared collection. A re-run must change nothing more. */
@FunctionalInterface
public interface Erasure {

	/** {@code ofSubject} selects the subject's documents and is the step's own; {@code now} is the erasure time. */
	void apply(MongoOperations mongo, Class<?> type, Criteria ofSubject, Instant now);

	/** Deletes the subject's documents. */
	static Erasure delete() {
		return (mongo, type, ofSubject, now) -> mongo.remove(Query.query(ofSubject), type);
	}

	/** Unsets these fields of the subject's documents; the {@link Clearing} says what else goes in the same update. */
	static Clearing clear(String... fields) {
		return new Clearing(List.of(fields));
	}

	/** One update of the subject's documents, optionally only of those matching a condition. */
	final class Clearing implements Erasure {

		private final List<String> unset;

		private final Map<String, Object> replaced = new LinkedHashMap<>();

		private final List<String> stamped = new ArrayList<>();

		private final List<UnaryOperator<Update>> more = new ArrayList<>();

		private @Nullable Criteria condition;

		private Clearing(List<String> unset) {
			this.unset = unset;
		}

		/** Replaces the field's value, for a field that must stay present, such as an empty text. */
		public Clearing set(String field, Object value) {
			replaced.put(field, value);
			return this;
		}

		/** Adds another change to the same update, such as {@code MailOutbox::clear}. */
		public Clearing with(UnaryOperator<Update> change) {
			more.add(change);
			return this;
		}

		/** Records the erasure time in the field; {@code $min} keeps the first one on a re-run. */
		public Clearing stamp(String field) {
			stamped.add(field);
			return this;
		}

		/** Only the subject's documents that also match this. */
		public Clearing where(Criteria condition) {
			this.condition = condition;
			return this;
		}

		@Override
		public void apply(MongoOperations mongo, Class<?> type, Criteria ofSubject, Instant now) {
			Update update = new Update();
			more.forEach(change -> change.apply(update));
			unset.forEach(update::unset);
			replaced.forEach(update::set);
			stamped.forEach(field -> update.min(field, now));
			Criteria selected = condition == null ? ofSubject : ofSubject.andOperator(condition);
			mongo.updateMulti(Query.query(selected), update, type);
		}

	}

}
