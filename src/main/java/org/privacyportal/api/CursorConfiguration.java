package org.privacyportal.api;

import java.util.function.Supplier;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorEncoder;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.graphql.data.pagination.EncodingCursorStrategy;
import org.springframework.graphql.data.query.ScrollPositionCursorStrategy;

/** Boot's cursor strategy, except that a forged or foreign cursor is the caller's error, not ours. */
@Configuration(proxyBeanMethods = false)
class CursorConfiguration {

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
				return callerError(() -> positions.fromCursor(cursor));
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

	private static <T> T callerError(Supplier<T> decoding) {
		try {
			return decoding.get();
		}
		catch (RuntimeException ex) {
			throw new BadInputException("after is not a cursor of this list");
		}
	}

}
