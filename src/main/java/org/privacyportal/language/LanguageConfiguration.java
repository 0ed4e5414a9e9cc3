package org.privacyportal.language;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

	/**
	 * A request's language before its caller is known (what is refused that early, like a rate
	 * limit, answers in it): the first supported language {@code Accept-Language} asks for, else the
	 * default.
	 */
	@Bean
	LocaleResolver localeResolver() {
		AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
		resolver.setSupportedLocales(Languages.SUPPORTED.stream().map(Languages::locale).toList());
		resolver.setDefaultLocale(Languages.locale(Languages.DEFAULT));
		return resolver;
	}

}
