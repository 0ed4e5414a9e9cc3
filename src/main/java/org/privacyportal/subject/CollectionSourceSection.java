package org.privacyportal.subject;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.privacyportal.personaldata.CustomSection;

import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** How the subject's information was obtained, each way explained as §1 of the policy puts it. */
@Component
@Order(200)
class CollectionSourceSection extends CustomSection {

	private static final Map<CollectionSource, String> EXPLANATIONS = new EnumMap<>(Map.of(
			CollectionSource.REGISTRATION,
			"You gave it to us when you registered on the site. We use it to run the site and to provide, deliver, "
					+ "bill and collect for the services you use (§1, primary use).",
			CollectionSource.SERVICE_USE,
			"It was collected while you used one of our services, to provide that service and bill for it "
					+ "(§1, primary use).",
			CollectionSource.SURVEY,
			"You gave it to us when you filled out a survey (§1).",
			CollectionSource.INFORMATION_REQUEST,
			"You gave it to us when you asked us for information, so that we could send it to you (§1).",
			CollectionSource.SWEEPSTAKES,
			"You gave it to us when you entered a sweepstakes or contest (§1).",
			CollectionSource.STAFF_ENTRY,
			"Our privacy staff recorded it, for example while handling a request or complaint of yours."));

	private static final String USE = "Unless you tell us not to, we may also use it to tell you about our own "
			+ "services and offers (§1, secondary use); other companies get it only if you choose so (§1, §2).";

	private final MongoTemplate mongo;

	CollectionSourceSection(MongoTemplate mongo) {
		super("collectionSources", "How we obtained your information (§1)", Set.of(Subject.COLLECTION), "source",
				"explanation", "otherUses");
		this.mongo = mongo;
	}

	@Override
	public void rows(String subjectId, Consumer<Map<String, Object>> sink) {
		Subject subject = mongo.findById(subjectId, Subject.class);
		if (subject == null || subject.collectionSources() == null) {
			return;
		}
		for (CollectionSource source : new TreeSet<>(subject.collectionSources())) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("source", source);
			row.put("explanation", EXPLANATIONS.get(source));
			row.put("otherUses", USE);
			sink.accept(row);
		}
	}

}
