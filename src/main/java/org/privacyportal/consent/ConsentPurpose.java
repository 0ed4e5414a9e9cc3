package org.privacyportal.consent;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A catalog entry with every version of its text, oldest first; {@code position} keeps the
 * catalog's order. The basis never changes; a retired purpose stays for its history.
 */
@Document("consent_purposes")
record ConsentPurpose(@Id String key, int position, ConsentBasis basis, List<Version> versions,
		@Nullable Instant retiredAt, @Nullable String retiredReason) {

	Version current() {
		return versions.get(versions.size() - 1);
	}

	boolean retired() {
		return retiredAt != null;
	}

	/** The latest version that asked for consent again: OPT_IN grants made under an earlier one no longer count. */
	int reconsentSince() {
		return versions.stream().filter(Version::reconsentRequired).mapToInt(Version::version).max().orElse(0);
	}

	/**
	 * One version as the subject saw it when choosing.
	 *
	 * @param translations the title and description in languages other than the default one
	 */
	record Version(int version, String title, String description, boolean defaultGranted,
			boolean withdrawnByGlobalPrivacyControl, boolean reconsentRequired, List<Text> translations,
			Instant definedAt, String definedBy) {
	}

	record Text(String language, String title, String description) {
	}

}
