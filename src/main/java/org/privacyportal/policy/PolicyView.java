package org.privacyportal.policy;

import java.time.Instant;

/** The GraphQL {@code PolicyVersion}, in {@code language}. */
public record PolicyView(String version, Instant effectiveAt, String summary, String text, boolean material,
		String language) {
}
