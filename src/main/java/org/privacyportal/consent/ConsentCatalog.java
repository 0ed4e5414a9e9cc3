package org.privacyportal.consent;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The purpose catalog of the contract, seeded on first start; later edits are kept. */
@Component
class ConsentCatalog {

	static final String SERVICE_DELIVERY = "service-delivery";

	static final String THIRD_PARTY_MARKETING = "third-party-marketing";

	static final String ADVERTISING_COOKIES = "advertising-cookies";

	private static final Logger log = LoggerFactory.getLogger(ConsentCatalog.class);

	private static final List<ConsentPurpose> SEED = List.of(
			new ConsentPurpose(SERVICE_DELIVERY, 1, "Service delivery",
					"Running the portal and the services you use: delivering them, billing and collecting for them (§1 primary use). Needed for the service, so it cannot be withdrawn.",
					ConsentBasis.REQUIRED, true),
			new ConsentPurpose("company-marketing", 2, "News and offers from us",
					"Contacting you about new services and features, special offers and important news from us (§1 secondary use).",
					ConsentBasis.OPT_OUT, true),
			new ConsentPurpose("promotional-mail", 3, "Informational and promotional mail",
					"Sending you informational or promotional mail (§2).", ConsentBasis.OPT_OUT, true),
			new ConsentPurpose(THIRD_PARTY_MARKETING, 4, "Offers from other companies",
					"Sharing your personal information with other companies so they can contact you about their products and offers (§1, §2). Only with your affirmative choice.",
					ConsentBasis.OPT_IN, false),
			new ConsentPurpose("analytics", 5, "Site analytics",
					"Using anonymous information about your visits to measure and improve the site and our services (§7).",
					ConsentBasis.OPT_OUT, true),
			new ConsentPurpose(ADVERTISING_COOKIES, 6, "Advertising cookies",
					"Cookies and anonymous information shared with advertisers so they can measure their advertisements (§7, §8).",
					ConsentBasis.OPT_IN, false));

	private final MongoTemplate mongo;

	ConsentCatalog(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	List<ConsentPurpose> purposes() {
		return mongo.find(new Query().with(Sort.by("position")), ConsentPurpose.class);
	}

	@EventListener(ApplicationReadyEvent.class)
	void seed() {
		for (ConsentPurpose purpose : SEED) {
			if (mongo.findById(purpose.key(), ConsentPurpose.class) == null) {
				try {
					mongo.insert(purpose);
					log.info("Consent: seeded purpose {}", purpose.key());
				}
				catch (DuplicateKeyException ex) {
					// another instance seeded it first
				}
			}
		}
	}

}
