package org.privacyportal.api;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Writes a user error's message in the language of the execution, the caller's. */
@Controller
class UserErrorMessages {

	private final MessageSource messages;

	UserErrorMessages(MessageSource messages) {
		this.messages = messages;
	}

	@SchemaMapping(typeName = "UserError", field = "message")
	String message(UserError error, Locale locale) {
		return error.message().in(messages, locale);
	}

}
