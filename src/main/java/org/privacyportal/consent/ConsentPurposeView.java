package org.privacyportal.consent;

/** The GraphQL {@code ConsentPurpose}. */
public record ConsentPurposeView(String key, String title, String description, ConsentBasis basis,
		boolean defaultGranted) {
}
