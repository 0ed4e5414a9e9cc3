package org.privacyportal.correction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.query.Criteria;

/**
 * The staff queue filter of correction and deletion requests; both keep {@code subjectId},
 * {@code status} and {@code dueAt} under these names.
 */
public record RequestFilter(@Nullable List<RequestStatus> status, @Nullable Boolean overdue,
		@Nullable String subjectId) {

	/** All given criteria must match; {@code overdue} means open and past {@code dueAt} at {@code now}. */
	public static Criteria criteria(@Nullable RequestFilter filter, Instant now) {
		List<Criteria> all = new ArrayList<>();
		if (filter != null) {
			if (filter.status() != null && !filter.status().isEmpty()) {
				all.add(Criteria.where("status").in(filter.status()));
			}
			if (Boolean.TRUE.equals(filter.overdue())) {
				all.add(Criteria.where("status").in(RequestStatus.OPEN).and("dueAt").lt(now));
			}
			else if (Boolean.FALSE.equals(filter.overdue())) {
				all.add(new Criteria().orOperator(Criteria.where("status").nin(RequestStatus.OPEN),
						Criteria.where("dueAt").gte(now)));
			}
			if (filter.subjectId() != null) {
				all.add(Criteria.where("subjectId").is(filter.subjectId()));
			}
		}
		return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
	}

}
