package org.privacyportal.operations;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps every {@link BusinessFigure} as a gauge and measures them all each
 * {@link OperationsProperties#refreshInterval}. Every instance measures for itself, without a lock: the
 * figures are reads, and each instance's gauges stay current.
 */
@Component
class BusinessFigures {

	private static final Logger log = LoggerFactory.getLogger(BusinessFigures.class);

	private final Map<BusinessFigure, MultiGauge> gauges;

	private final Clock clock;

	BusinessFigures(List<BusinessFigure> figures, MeterRegistry registry, Clock clock,
			OperationsProperties properties) {
		if (properties.refreshInterval().isNegative() || properties.refreshInterval().isZero()) {
			throw new IllegalArgumentException("portal.operations.refresh-interval must be positive");
		}
		this.gauges = figures.stream()
			.collect(Collectors.toUnmodifiableMap(figure -> figure,
					figure -> MultiGauge.builder(figure.name())
						.description(figure.description())
						.baseUnit(figure.baseUnit())
						.register(registry)));
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${portal.operations.refresh-interval:PT1M}", initialDelayString = "PT1S")
	void refresh() {
		Instant now = clock.instant();
		gauges.forEach((figure, gauge) -> {
			try {
				Map<Tags, Number> values = figure.measure().apply(now);
				gauge.register(values.entrySet().stream().map(v -> MultiGauge.Row.of(v.getKey(), v.getValue())).toList(),
						true);
			}
			catch (RuntimeException ex) {
				log.warn("Operations: could not measure {}: {}", figure.name(), ex.toString());
			}
		});
	}

}
