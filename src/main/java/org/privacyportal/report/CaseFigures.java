package org.privacyportal.report;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Tags;

import org.privacyportal.operations.BusinessFigure;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The operator's view of the queues: open and overdue cases of every {@link CaseCollection}, by kind. */
@Configuration(proxyBeanMethods = false)
class CaseFigures {

	@Bean
	BusinessFigure openCases(MongoTemplate mongo, List<CaseCollection> collections) {
		return new BusinessFigure("portal.cases.open", "Requests and complaints not closed yet, by kind", null,
				byKind(collections, (cases, now) -> cases.open(mongo)));
	}

	@Bean
	BusinessFigure overdueCases(MongoTemplate mongo, List<CaseCollection> collections) {
		return new BusinessFigure("portal.cases.overdue", "Open requests and complaints past their due date, by kind",
				null, byKind(collections, (cases, now) -> cases.overdue(mongo, now)));
	}

	private static Function<Instant, Map<Tags, Number>> byKind(List<CaseCollection> collections,
			BiFunction<CaseCollection, Instant, Number> count) {
		return now -> collections.stream()
			.collect(Collectors.toMap(cases -> Tags.of("kind", cases.caseType().toLowerCase(Locale.ROOT)),
					cases -> count.apply(cases, now)));
	}

}
