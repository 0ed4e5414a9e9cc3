package org.privacyportal.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.BadInputException;
import org.privacyportal.api.Message;
import org.privacyportal.report.CaseCollection.CaseRecord;
import org.privacyportal.report.CaseCollection.Outcome;
import org.privacyportal.report.RequestMetrics.CaseTypeMetrics;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/** The staff report, from every feature's {@link CaseCollection}. */
@Service
class RequestMetricsService {

	/** Bounds the cases one report holds in memory: a year's report, leap years included. */
	static final Duration MAX_PERIOD = Duration.ofDays(366);

	/** Outcomes that answered the subject, so count towards days to close. */
	private static final Set<Outcome> DECIDED = Set.of(Outcome.COMPLETED, Outcome.REJECTED, Outcome.DISMISSED);

	private static final double MILLIS_PER_DAY = Duration.ofDays(1).toMillis();

	private final MongoTemplate mongo;

	private final List<CaseCollection> collections;

	RequestMetricsService(MongoTemplate mongo, List<CaseCollection> collections) {
		this.mongo = mongo;
		this.collections = collections;
	}

	RequestMetrics between(Instant from, Instant to) {
		if (!from.isBefore(to)) {
			throw new BadInputException(new Message("error.metrics.order"));
		}
		if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
			throw new BadInputException(new Message("error.metrics.period", MAX_PERIOD.toDays()));
		}
		List<CaseTypeMetrics> rows = collections.stream()
			.map(cases -> metrics(cases.caseType(), cases.receivedBetween(mongo, from, to)))
			.sorted(Comparator.comparing(CaseTypeMetrics::caseType))
			.toList();
		return new RequestMetrics(from, to, rows);
	}

	static CaseTypeMetrics metrics(String caseType, List<CaseRecord> cases) {
		Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
		cases.forEach(c -> counts.merge(c.outcome(), 1, Integer::sum));
		double[] daysToClose = cases.stream()
			.filter(c -> DECIDED.contains(c.outcome()) && c.closedAt() != null)
			.mapToDouble(c -> Duration.between(c.receivedAt(), c.closedAt()).toMillis() / MILLIS_PER_DAY)
			.toArray();
		return new CaseTypeMetrics(caseType, cases.size(), counts.getOrDefault(Outcome.OPEN, 0),
				counts.getOrDefault(Outcome.COMPLETED, 0), counts.getOrDefault(Outcome.REJECTED, 0),
				counts.getOrDefault(Outcome.DISMISSED, 0), counts.getOrDefault(Outcome.CANCELLED, 0),
				oneDecimal(Percentiles.of(daysToClose, 0.5)), oneDecimal(Percentiles.of(daysToClose, 0.9)));
	}

	private static @Nullable Double oneDecimal(@Nullable Double value) {
		return value == null ? null : Math.round(value * 10) / 10.0;
	}

}
