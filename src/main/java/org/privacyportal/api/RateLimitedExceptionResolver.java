package org.privacyportal.api;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Writes the 429 for a mutation refused by {@link MutationRateLimitInterceptor}, in the language
 * {@code Accept-Language} asks for: the refusal comes before the caller's own language is looked up.
 */
@Component
class RateLimitedExceptionResolver implements HandlerExceptionResolver, Ordered {

	private final MessageSource messages;

	RateLimitedExceptionResolver(MessageSource messages) {
		this.messages = messages;
	}

	@Override
	public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
			@Nullable Object handler, Exception ex) {
		if (!(ex instanceof RateLimitedException refusal)) {
			return null;
		}
		try {
			refusal.writeTo(response, true, refusal.text().in(messages, RequestContextUtils.getLocale(request)));
		}
		catch (IOException io) {
			throw new UncheckedIOException(io);
		}
		return new ModelAndView();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
