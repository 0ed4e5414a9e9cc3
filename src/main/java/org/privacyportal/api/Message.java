package org.privacyportal.api;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;

/**
 * A text for the person, by its key in {@code messages*.properties} and its arguments (a message
 * among them is written in the same language); it is written in the caller's language only when it
 * is answered, so the code that refuses something needs no language.
 */
public record Message(String key, Object... args) implements MessageSourceResolvable {

	@Override
	public String[] getCodes() {
		return new String[] { key };
	}

	@Override
	public Object[] getArguments() {
		return args;
	}

	/** Without a locale (a WebSocket request refused before its caller is known) in the default language. */
	public String in(MessageSource messages, @Nullable Locale locale) {
		return messages.getMessage(this, locale == null ? Locale.ROOT : locale);
	}

}
