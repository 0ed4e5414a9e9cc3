package org.privacyportal.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.privacyportal.store.StampedCache;
import org.privacyportal.store.StampedCaches;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The purpose catalog: the six purposes of the contract seeded on first start, then what admins
 * define and retire. Held in memory on each instance and kept current through a {@link StampedCache}.
 */
@Component
class ConsentCatalog {

	static final String SERVICE_DELIVERY = "service-delivery";

	private static final String SYSTEM = "system";

	private static final Logger log = LoggerFactory.getLogger(ConsentCatalog.class);

	/** A seeded purpose, in English and German. */
	private record Seed(String key, ConsentBasis basis, boolean defaultGranted, boolean withdrawnByGlobalPrivacyControl,
			String title, String description, String germanTitle, String germanDescription) {
	}

	private static final List<Seed> SEED = List.of(
			new Seed(SERVICE_DELIVERY, ConsentBasis.REQUIRED, true, false, "Service delivery",
					"Running the portal and the services you use: delivering them, billing and collecting for them (§1 primary use). Needed for the service, so it cannot be withdrawn.",
					"Erbringung unserer Dienste",
					"Der Betrieb des Portals und der Dienste, die Sie nutzen: ihre Bereitstellung, Abrechnung und der Einzug der Entgelte (§1, Hauptzweck). Ohne sie können wir den Dienst nicht erbringen, deshalb lässt sich diese Einwilligung nicht widerrufen."),
			new Seed("company-marketing", ConsentBasis.OPT_OUT, true, false, "News and offers from us",
					"Contacting you about new services and features, special offers and important news from us (§1 secondary use).",
					"Neuigkeiten und Angebote von uns",
					"Wir informieren Sie über neue Dienste und Funktionen, Sonderangebote und wichtige Neuigkeiten aus unserem Haus (§1, weiterer Zweck)."),
			new Seed("promotional-mail", ConsentBasis.OPT_OUT, true, false, "Informational and promotional mail",
					"Sending you informational or promotional mail (§2).", "Informations- und Werbepost",
					"Wir schicken Ihnen Informationen und Werbung per Post oder E-Mail (§2)."),
			new Seed("third-party-marketing", ConsentBasis.OPT_IN, false, true, "Offers from other companies",
					"Sharing your personal information with other companies so they can contact you about their products and offers (§1, §2). Only with your affirmative choice.",
					"Angebote anderer Unternehmen",
					"Wir geben Ihre personenbezogenen Daten an andere Unternehmen weiter, damit diese Sie über ihre Produkte und Angebote informieren können (§1, §2). Nur wenn Sie ausdrücklich zustimmen."),
			new Seed("analytics", ConsentBasis.OPT_OUT, true, false, "Site analytics",
					"Using anonymous information about your visits to measure and improve the site and our services (§7).",
					"Website-Analyse",
					"Wir werten anonyme Angaben zu Ihren Besuchen aus, um die Website und unsere Dienste zu messen und zu verbessern (§7)."),
			new Seed("advertising-cookies", ConsentBasis.OPT_IN, false, true, "Advertising cookies",
					"Cookies and anonymous information shared with advertisers so they can measure their advertisements (§7, §8).",
					"Werbe-Cookies",
					"Cookies und anonyme Angaben, die wir an Werbetreibende weitergeben, damit diese den Erfolg ihrer Anzeigen messen können (§7, §8)."));

	private final MongoTemplate mongo;

	private final Clock clock;

	private final StampedCache<List<ConsentPurpose>> cache;

	ConsentCatalog(MongoTemplate mongo, Clock clock, StampedCaches caches) {
		this.mongo = mongo;
		this.clock = clock;
		this.cache = caches.of("consent-purposes",
				() -> List.copyOf(mongo.find(new Query().with(Sort.by("position")), ConsentPurpose.class)));
	}

	/** The purposes in use, in the catalog's order. */
	List<ConsentPurpose> purposes() {
		return cache.get().stream().filter(purpose -> !purpose.retired()).toList();
	}

	/** Retired ones too. */
	List<ConsentPurpose> all() {
		return cache.get();
	}

	Optional<ConsentPurpose> find(String key) {
		return cache.get().stream().filter(purpose -> purpose.key().equals(key)).findFirst();
	}

	/** Adds a purpose; false when the key was taken meanwhile. */
	boolean add(String key, ConsentBasis basis, ConsentPurpose.Version first) {
		int position = cache.get().stream().mapToInt(ConsentPurpose::position).max().orElse(0) + 1;
		try {
			mongo.insert(new ConsentPurpose(key, position, basis, List.of(first), null, null));
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
		cache.changed();
		return true;
	}

	/** Adds the next version; false when the purpose changed meanwhile (another version, or retired). */
	boolean addVersion(ConsentPurpose purpose, ConsentPurpose.Version next) {
		Query unchanged = Query.query(Criteria.where("_id").is(purpose.key())
			.and("retiredAt").isNull()
			.and("versions").size(purpose.versions().size()));
		boolean added = mongo.updateFirst(unchanged, new Update().push("versions", next), ConsentPurpose.class)
			.getModifiedCount() == 1;
		cache.changed();
		return added;
	}

	/** False when it was retired meanwhile. */
	boolean retire(String key, String reason, Instant at) {
		Query inUse = Query.query(Criteria.where("_id").is(key).and("retiredAt").isNull());
		boolean retired = mongo.updateFirst(inUse, new Update().set("retiredAt", at).set("retiredReason", reason),
				ConsentPurpose.class).getModifiedCount() == 1;
		cache.changed();
		return retired;
	}

	/**
	 * Seeds the contract's purposes, and gives a purpose stored before purposes had versions
	 * (title and description at the top) its text as version 1.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void seed() {
		Instant now = clock.instant();
		for (Seed seed : SEED) {
			List<ConsentPurpose.Text> german = List
				.of(new ConsentPurpose.Text("de", seed.germanTitle(), seed.germanDescription()));
			ConsentPurpose.Version first = new ConsentPurpose.Version(1, seed.title(), seed.description(),
					seed.defaultGranted(), seed.withdrawnByGlobalPrivacyControl(), false, german, now, SYSTEM);
			Document stored = mongo.findById(seed.key(), Document.class, mongo.getCollectionName(ConsentPurpose.class));
			if (stored == null) {
				try {
					mongo.insert(new ConsentPurpose(seed.key(), SEED.indexOf(seed) + 1, seed.basis(), List.of(first), null,
							null));
					log.info("Consent: seeded purpose {}", seed.key());
				}
				catch (DuplicateKeyException ex) {
					// another instance seeded it first
				}
			}
			else if (!stored.containsKey("versions")) {
				ConsentPurpose.Version kept = new ConsentPurpose.Version(1, stored.getString("title"),
						stored.getString("description"), stored.getBoolean("defaultGranted", seed.defaultGranted()),
						seed.withdrawnByGlobalPrivacyControl(), false, german, now, SYSTEM);
				mongo.updateFirst(Query.query(Criteria.where("_id").is(seed.key()).and("versions").exists(false)),
						new Update().set("versions", List.of(kept)).unset("title").unset("description").unset("defaultGranted"),
						ConsentPurpose.class);
				log.info("Consent: purpose {} now has versions", seed.key());
			}
		}
		cache.changed();
	}

}
