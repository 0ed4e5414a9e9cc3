package org.privacyportal.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** A caller over their budget: HTTP 429 with {@code Retry-After}, and a GraphQL error for GraphQL. */
final class RateLimitedException extends RuntimeException {

	static final String CLASSIFICATION = "RATE_LIMITED";

	private final Duration wait;

	RateLimitedException(Duration wait) {
		super("Too many requests", null, false, false);
		this.wait = wait;
	}

	Message text() {
		return new Message("error.rate-limited", seconds(wait));
	}

	/** {@code message} is {@link #text()} in the caller's language. */
	void writeTo(HttpServletResponse response, boolean graphQl, String message) throws IOException {
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds(wait)));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8);
		response.getWriter()
			.write(JsonMapper.shared()
				.writeValueAsString(graphQl
						? Map.of("errors",
								List.of(Map.of("message", message, "extensions", Map.of("classification", CLASSIFICATION))))
						: Map.of("error", "rate_limited", "error_description", message)));
	}

	static long seconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

}
