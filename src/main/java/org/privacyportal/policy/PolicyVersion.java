package org.privacyportal.policy;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.privacyportal.language.Languages;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One published version of the privacy policy; the id is the version label, so it is unique.
 * {@code summary} and {@code text} are in the default language, {@code translations} in others.
 */
@Document("policy_versions")
record PolicyVersion(@Id String version, @Indexed Instant effectiveAt, String summary, String text, boolean material,
		Instant publishedAt, String publishedBy, @Nullable List<Translation> translations) {

	/** In {@code language} when translated, else in the default language. */
	PolicyView view(String language) {
		Translation translation = translations == null ? null
				: translations.stream().filter(t -> t.language().equals(language)).findFirst().orElse(null);
		return translation == null ? new PolicyView(version, effectiveAt, summary, text, material, Languages.DEFAULT)
				: new PolicyView(version, effectiveAt, translation.summary(), translation.text(), material, language);
	}

	record Translation(String language, String summary, String text) {
	}

}
