package org.privacyportal.operations;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;

/**
 * A figure an operator watches (open cases, mail waiting), measured from the store by
 * {@link BusinessFigures}' periodic sweep, so a scrape only reads the last values. A feature
 * declares one bean per figure.
 *
 * @param name the meter name, e.g. {@code portal.cases.open}
 * @param baseUnit e.g. {@code seconds}, or null for a count
 * @param measure the value of each series (by its tags) at an instant
 */
public record BusinessFigure(String name, String description, @Nullable String baseUnit,
		Function<Instant, Map<Tags, Number>> measure) {
}
