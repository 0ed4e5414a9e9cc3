package org.privacyportal.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.query.Criteria;

/** The staff queue filter of every {@link RequestKind}. */
public record RequestFilter(@Nullable List<RequestStatus> status, @Nullable Boolean overdue,
		@Nullable String subjectId) {

	/** All given criteria must match; {@code overdue} means open and past {@code dueAt} at {@code now}. */
	static Criteria criteria(@Nullable RequestFilter filter, Instant now) {
		List<Criteria> all = new ArrayList<>();
		if (filter != null) {
			if (filter.status() != null && !filter.status().isEmpty()) {
				all.add(Criteria.where("status").in(filter.status()));
			}
			Criteria overdue = RequestDeadlines.overdue(filter.overdue(), RequestStatus.OPEN, now);
			if (overdue != null) {
				all.add(overdue);
			}
			if (filter.subjectId() != null) {
				all.add(Criteria.where("subjectId").is(filter.subjectId()));
			}
		}
		return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
	}

}
