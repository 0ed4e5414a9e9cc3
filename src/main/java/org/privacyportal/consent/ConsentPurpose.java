package org.privacyportal.consent;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A catalog entry; {@code position} keeps the catalog's order. */
@Document("consent_purposes")
record ConsentPurpose(@Id String key, int position, String title, String description, ConsentBasis basis,
		boolean defaultGranted) {
}
