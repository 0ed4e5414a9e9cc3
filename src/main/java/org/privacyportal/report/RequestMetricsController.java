package org.privacyportal.report;

import java.time.Instant;

import org.privacyportal.security.Scopes;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class RequestMetricsController {

	private final RequestMetricsService metrics;

	RequestMetricsController(RequestMetricsService metrics) {
		this.metrics = metrics;
	}

	@QueryMapping
	@PreAuthorize(Scopes.IS_STAFF)
	RequestMetrics requestMetrics(@Argument Instant from, @Argument Instant to) {
		return metrics.between(from, to);
	}

}
