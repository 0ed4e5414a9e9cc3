package org.privacyportal.api;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** A caller over their budget: HTTP 429 with {@code Retry-After}, and a GraphQL error for GraphQL. */
final class RateLimitedException extends RuntimeException {

	static final String CLASSIFICATION = "RATE_LIMITED";

	private final Duration wait;

	RateLimitedException(Duration wait) {
		super("Too many requests; retry after " + seconds(wait) + " seconds", null, false, false);
		this.wait = wait;
	}

	void writeTo(HttpServletResponse response, boolean graphQl) throws IOException {
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds(wait)));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter()
			.write(graphQl ? "{\"errors\":[{\"message\":\"" + getMessage() + "\",\"extensions\":{\"classification\":\""
					+ CLASSIFICATION + "\"}}]}"
					: "{\"error\":\"rate_limited\",\"error_description\":\"" + getMessage() + "\"}");
	}

	static long seconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

}
