package org.privacyportal.subject;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.privacyportal.language.Languages;
import org.privacyportal.personaldata.CustomSection;

import org.springframework.context.MessageSource;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * How the subject's information was obtained, each way explained as §1 of the policy puts it, in the
 * language the export is written in ({@code export.source.*}).
 */
@Component
@Order(200)
class CollectionSourceSection extends CustomSection {

	private final MongoTemplate mongo;

	private final MessageSource messages;

	CollectionSourceSection(MongoTemplate mongo, MessageSource messages) {
		super("collectionSources", "How we obtained your information (§1)", Set.of(Subject.COLLECTION), "source",
				"explanation", "otherUses");
		this.mongo = mongo;
		this.messages = messages;
	}

	@Override
	public void rows(String subjectId, Consumer<Map<String, Object>> sink) {
		Subject subject = mongo.findById(subjectId, Subject.class);
		if (subject == null || subject.collectionSources() == null) {
			return;
		}
		Locale locale = Languages.locale(Languages.current());
		String otherUses = messages.getMessage("export.source.otherUses", null, locale);
		for (CollectionSource source : new TreeSet<>(subject.collectionSources())) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("source", source);
			row.put("explanation", messages.getMessage("export.source." + source.name(), null, locale));
			row.put("otherUses", otherUses);
			sink.accept(row);
		}
	}

}
