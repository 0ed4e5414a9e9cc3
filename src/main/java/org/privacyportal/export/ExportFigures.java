package org.privacyportal.export;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.Tags;

import org.privacyportal.operations.BusinessFigure;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** What the operator sees of exports. */
@Configuration(proxyBeanMethods = false)
class ExportFigures {

	private static final Duration WINDOW = Duration.ofDays(1);

	/** A READY export that has expired since was built all the same. */
	@Bean
	BusinessFigure finishedExports(MongoTemplate mongo) {
		return new BusinessFigure("portal.exports.finished", "Exports built or failed in the last 24 hours", null,
				now -> Map.of(Tags.of("outcome", "built"),
						finishedSince(mongo, now, ExportStatus.READY, ExportStatus.EXPIRED), Tags.of("outcome", "failed"),
						finishedSince(mongo, now, ExportStatus.FAILED)));
	}

	private static long finishedSince(MongoTemplate mongo, Instant now, ExportStatus... statuses) {
		return mongo.count(Query.query(Criteria.where("completedAt").gte(now.minus(WINDOW)).and("status").in(statuses)),
				DataExport.class);
	}

}
