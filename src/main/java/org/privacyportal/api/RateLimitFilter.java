package org.privacyportal.api;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.privacyportal.api.RateLimiter.Limit;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Budgets by client address, before anything else runs: {@code POST /dev/tokens}, and GraphQL calls
 * and downloads without a bearer token. Behind a proxy the address is the one it forwards when
 * {@code server.forward-headers-strategy} is on. Mutations are counted per subject by
 * {@link MutationRateLimitInterceptor}. The refusal is in the language {@code Accept-Language} asks for.
 */
@Component
class RateLimitFilter extends OncePerRequestFilter {

	private final RateLimiter limiter;

	private final MessageSource messages;

	private final LocaleResolver locales;

	RateLimitFilter(RateLimiter limiter, MessageSource messages, LocaleResolver locales) {
		this.limiter = limiter;
		this.messages = messages;
		this.locales = locales;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !limiter.enabled();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Optional<Duration> wait = Optional.empty();
		if (path.equals("/dev/tokens") && "POST".equals(request.getMethod())) {
			wait = limiter.tryAcquire(Limit.DEV_TOKENS, request.getRemoteAddr());
		}
		else if ((path.equals("/graphql") || path.startsWith("/exports/")) && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
			wait = limiter.tryAcquire(Limit.ANONYMOUS, request.getRemoteAddr());
		}
		if (wait.isPresent()) {
			RateLimitedException refusal = new RateLimitedException(wait.get());
			refusal.writeTo(response, path.equals("/graphql"), refusal.text().in(messages, locales.resolveLocale(request)));
			return;
		}
		chain.doFilter(request, response);
	}

}
