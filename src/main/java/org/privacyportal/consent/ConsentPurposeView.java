package org.privacyportal.consent;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** The GraphQL {@code ConsentPurpose}: its current version. */
public record ConsentPurposeView(String key, int version, String title, String description, ConsentBasis basis,
		boolean defaultGranted, boolean withdrawnByGlobalPrivacyControl, @Nullable Instant retiredAt) {

	/** In the language given when the purpose has it, else in the default one. */
	static ConsentPurposeView of(ConsentPurpose purpose, String language) {
		ConsentPurpose.Version current = purpose.current();
		ConsentPurpose.Text text = current.translations()
			.stream()
			.filter(translation -> translation.language().equals(language))
			.findFirst()
			.orElse(new ConsentPurpose.Text(language, current.title(), current.description()));
		return new ConsentPurposeView(purpose.key(), current.version(), text.title(), text.description(),
				purpose.basis(), current.defaultGranted(), current.withdrawnByGlobalPrivacyControl(), purpose.retiredAt());
	}

}
