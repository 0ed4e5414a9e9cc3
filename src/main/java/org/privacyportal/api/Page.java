package org.privacyportal.api;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.query.ScrollSubrange;

/**
 * A validated {@code first}/{@code after} request: {@code first} defaults to 20 and above 100 is
 * refused rather than silently capped.
 */
public record Page(int size, KeysetScrollPosition position) {

	public static final int DEFAULT_SIZE = 20;

	public static final int MAX_SIZE = 100;

	public static Page of(ScrollSubrange subrange) {
		int size = subrange.count().orElse(DEFAULT_SIZE);
		if (size < 0 || size > MAX_SIZE) {
			throw new BadInputException(new Message("error.page.size", MAX_SIZE));
		}
		if (!subrange.forward()) {
			throw new BadInputException(new Message("error.page.backward"));
		}
		ScrollPosition position = subrange.position().orElse(ScrollPosition.keyset());
		if (!(position instanceof KeysetScrollPosition keyset)) {
			throw new BadInputException(CursorConfiguration.NOT_A_CURSOR);
		}
		return new Page(size, keyset);
	}

}
