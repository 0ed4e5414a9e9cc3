package org.privacyportal.api;

import java.time.temporal.Temporal;
import java.util.Date;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorEncoder;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.graphql.data.pagination.EncodingCursorStrategy;
import org.springframework.graphql.data.query.ScrollPositionCursorStrategy;

/**
 * Boot's cursor strategy, except that a forged or foreign cursor is the caller's error, not ours. A
 * keyset cursor is decoded with Jackson type ids, so a crafted one could carry a map where a sort
 * value belongs, which Spring Data puts into the query as an operator document; only plain field
 * names with scalar values are let through.
 */
@Configuration(proxyBeanMethods = false)
class CursorConfiguration {

	static final Message NOT_A_CURSOR = new Message("error.page.cursor");

	private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

	@Bean
	EncodingCursorStrategy<ScrollPosition> cursorStrategy() {
		ScrollPositionCursorStrategy positions = new ScrollPositionCursorStrategy();
		CursorEncoder base64 = CursorEncoder.base64();
		CursorStrategy<ScrollPosition> checkedPositions = new CursorStrategy<>() {

			@Override
			public boolean supports(Class<?> targetType) {
				return positions.supports(targetType);
			}

			@Override
			public String toCursor(ScrollPosition position) {
				return positions.toCursor(position);
			}

			@Override
			public ScrollPosition fromCursor(String cursor) {
				ScrollPosition position = callerError(() -> positions.fromCursor(cursor));
				if (position instanceof KeysetScrollPosition keyset && !keyset.getKeys().entrySet().stream().allMatch(
						key -> FIELD.matcher(key.getKey()).matches() && isScalar(key.getValue()))) {
					throw new BadInputException(NOT_A_CURSOR);
				}
				return position;
			}
		};
		CursorEncoder checkedBase64 = new CursorEncoder() {

			@Override
			public String encode(String cursor) {
				return base64.encode(cursor);
			}

			@Override
			public String decode(String cursor) {
				return callerError(() -> base64.decode(cursor));
			}
		};
		return CursorStrategy.withEncoder(checkedPositions, checkedBase64);
	}

	/** What a document's sort field holds: no map, list or other object Spring Data would pass on as is. */
	private static boolean isScalar(Object value) {
		return value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof Date
				|| value instanceof Temporal;
	}

	private static <T> T callerError(Supplier<T> decoding) {
		try {
			return decoding.get();
		}
		catch (RuntimeException ex) {
			throw new BadInputException(NOT_A_CURSOR);
		}
	}

}
