package org.privacyportal.consent;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** The GraphQL {@code ConsentPurpose}: its current version. */
public record ConsentPurposeView(String key, int version, String title, String description, ConsentBasis basis,
		boolean defaultGranted, boolean withdrawnByGlobalPrivacyControl, @Nullable Instant retiredAt) {

	static ConsentPurposeView of(ConsentPurpose purpose) {
		ConsentPurpose.Version current = purpose.current();
		return new ConsentPurposeView(purpose.key(), current.version(), current.title(), current.description(),
				purpose.basis(), current.defaultGranted(), current.withdrawnByGlobalPrivacyControl(), purpose.retiredAt());
	}

}
