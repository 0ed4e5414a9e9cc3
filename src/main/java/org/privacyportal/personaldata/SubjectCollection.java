package org.privacyportal.personaldata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A feature's subject-owned collection, declared once: whose documents they are, how they show in
 * an export (key, title, place among the sections, row order, columns) and the steps that erase
 * them. {@link PersonalData} turns a declaration into the section and the eraser.
 */
public final class SubjectCollection<T> {

	private final Class<T> type;

	private final String subjectField;

	private final List<String> columnNames = new ArrayList<>();

	private final List<Function<? super T, ?>> columnValues = new ArrayList<>();

	private final List<Erasure> erasure = new ArrayList<>();

	private @Nullable Export export;

	private @Nullable Function<Instant, Criteria> shownOnlyWhere;

	private record Export(String key, String title, int position, Sort order) {
	}

	private SubjectCollection(Class<T> type, String subjectField) {
		this.type = type;
		this.subjectField = subjectField;
	}

	/** Documents that name their subject in {@code subjectId}. */
	public static <T> SubjectCollection<T> of(Class<T> type) {
		return of(type, "subjectId");
	}

	public static <T> SubjectCollection<T> of(Class<T> type, String subjectField) {
		return new SubjectCollection<>(type, subjectField);
	}

	/**
	 * Exported as the section {@code key} (JSON key and CSV file name) under {@code title}, placed
	 * among the sections by {@code position} (lowest first), its rows sorted by {@code orderBy}.
	 */
	public SubjectCollection<T> exported(String key, String title, int position, String... orderBy) {
		this.export = new Export(key, title, position, Sort.by(orderBy));
		return this;
	}

	/** The next column: lists are joined with "; ", times are ISO-8601. */
	public SubjectCollection<T> column(String name, Function<? super T, ?> value) {
		columnNames.add(name);
		columnValues.add(value);
		return this;
	}

	/** Leaves the documents the condition rejects at the export's time out of the export. */
	public SubjectCollection<T> shownOnlyWhere(Function<Instant, Criteria> condition) {
		this.shownOnlyWhere = condition;
		return this;
	}

	/** The steps that erase the subject's documents, run in this order; each must be idempotent. */
	public SubjectCollection<T> erasedBy(Erasure... steps) {
		erasure.addAll(List.of(steps));
		return this;
	}

	Class<T> type() {
		return type;
	}

	String key() {
		return exported().key();
	}

	String title() {
		return exported().title();
	}

	int position() {
		return exported().position();
	}

	List<String> columns() {
		return List.copyOf(columnNames);
	}

	void rows(MongoOperations mongo, Instant now, String subjectId, Consumer<Map<String, Object>> sink) {
		Criteria shown = Criteria.where(subjectField).is(subjectId);
		if (shownOnlyWhere != null) {
			shown = shown.andOperator(shownOnlyWhere.apply(now));
		}
		try (Stream<T> documents = mongo.stream(Query.query(shown).with(exported().order()), type)) {
			documents.forEach(document -> sink.accept(row(document)));
		}
	}

	/** Fails at start-up, not at the first erasure, when a collection made an eraser declares no steps. */
	SubjectCollection<T> requireErasure() {
		if (erasure.isEmpty()) {
			throw new IllegalStateException(type.getSimpleName() + " declares no erasure");
		}
		return this;
	}

	/** Fails at start-up, not at the first export, when a collection made a section is not exported. */
	SubjectCollection<T> requireExport() {
		exported();
		return this;
	}

	void erase(MongoOperations mongo, Instant now, String subjectId) {
		for (Erasure step : erasure) {
			step.apply(mongo, type, Criteria.where(subjectField).is(subjectId), now);
		}
	}

	private Export exported() {
		if (export == null) {
			throw new IllegalStateException(type.getSimpleName() + " is not declared as exported");
		}
		return export;
	}

	private Map<String, Object> row(T document) {
		Map<String, Object> row = new LinkedHashMap<>();
		for (int i = 0; i < columnNames.size(); i++) {
			row.put(columnNames.get(i), plain(columnValues.get(i).apply(document)));
		}
		return row;
	}

	private static @Nullable Object plain(@Nullable Object value) {
		if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
				|| value instanceof Enum<?>) {
			return value;
		}
		if (value instanceof Collection<?> values) {
			return values.stream().map(String::valueOf).collect(Collectors.joining("; "));
		}
		return value.toString();
	}

}
