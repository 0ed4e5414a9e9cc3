package org.privacyportal.consent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.privacyportal.consent.ConsentViews.PurposeConsentView;
import org.privacyportal.language.Languages;
import org.privacyportal.personaldata.CustomSection;

import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The subject's current choice for every purpose, defaults included. */
@Component
@Order(300)
class ConsentChoicesSection extends CustomSection {

	private final ConsentService consents;

	ConsentChoicesSection(ConsentService consents, MongoTemplate mongo) {
		super("consents", "Your choices about how we use your information",
				Set.of(mongo.getCollectionName(ConsentSettings.class)), "purposeKey", "purpose", "description", "basis",
				"granted", "source", "updatedAt");
		this.consents = consents;
	}

	@Override
	public void rows(String subjectId, Consumer<Map<String, Object>> sink) {
		for (PurposeConsentView choice : consents.settings(subjectId, Languages.current()).purposes()) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("purposeKey", choice.purpose().key());
			row.put("purpose", choice.purpose().title());
			row.put("description", choice.purpose().description());
			row.put("basis", choice.purpose().basis());
			row.put("granted", choice.granted());
			row.put("source", choice.source());
			row.put("updatedAt", choice.updatedAt() == null ? null : choice.updatedAt().toString());
			sink.accept(row);
		}
	}

}
