package org.privacyportal.subject;

import java.util.Locale;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.privacyportal.language.Languages;
import org.privacyportal.security.Caller;
import org.privacyportal.security.Scopes;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The language a request is answered in: the subject's profile language, else the token's
 * {@code locale} claim, else {@code Accept-Language}, else the default. It becomes the locale of the
 * GraphQL execution (a controller method's {@link Locale} argument) and of the request thread (mail
 * queued now remembers it).
 */
@Component
class CallerLanguage implements WebGraphQlInterceptor, Ordered {

	static final String LOCALE_CLAIM = "locale";

	private final ProfileLanguages profiles;

	CallerLanguage(ProfileLanguages profiles) {
		this.profiles = profiles;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		Locale locale = Languages.locale(language(SecurityContextHolder.getContext().getAuthentication(),
				request.getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE)));
		LocaleContextHolder.setLocale(locale);
		request.configureExecutionInput((input, builder) -> builder.locale(locale).build());
		return chain.next(request);
	}

	private String language(Authentication authentication, String acceptLanguage) {
		Optional<String> chosen = Optional.empty();
		if (authentication instanceof JwtAuthenticationToken token) {
			if (token.getAuthorities()
				.stream()
				.anyMatch(a -> a.getAuthority().equals(Scopes.AUTHORITY_PREFIX + Scopes.SELF))) {
				chosen = profileLanguage(authentication);
			}
			if (chosen.isEmpty()) {
				chosen = Languages.of(token.getToken().getClaimAsString(LOCALE_CLAIM));
			}
		}
		return chosen.or(() -> Languages.of(acceptLanguage)).orElse(Languages.DEFAULT);
	}

	/** Without its store the request still runs, and its fields say the store is unavailable. */
	private Optional<String> profileLanguage(Authentication authentication) {
		try {
			return profiles.of(Caller.of(authentication));
		}
		catch (DataAccessException ex) {
			return Optional.empty();
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 15;
	}

}
