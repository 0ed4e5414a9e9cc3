package org.privacyportal.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.privacyportal.api.Message;
import org.privacyportal.api.Page;
import org.privacyportal.api.UserError;
import org.privacyportal.api.UserErrorCode;
import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.language.Languages;
import org.privacyportal.language.TranslationLanguages;
import org.privacyportal.policy.PolicyViews.AcknowledgePolicyPayload;
import org.privacyportal.policy.PolicyViews.PolicyAcknowledgementView;
import org.privacyportal.policy.PolicyViews.PolicyTextInput;
import org.privacyportal.policy.PolicyViews.PublishPolicyVersionInput;
import org.privacyportal.policy.PolicyViews.PublishPolicyVersionPayload;
import org.privacyportal.security.Caller;
import org.privacyportal.store.StampedCache;
import org.privacyportal.store.StampedCaches;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The privacy policy's versions, which one is in force (§10), and the subjects' acknowledgements.
 * A material version asks every subject to acknowledge it again; a non-material one leaves the
 * acknowledgement of the versions since the last material change standing.
 */
@Service
public class PolicyService {

	static final String FIRST_VERSION = "1.0";

	static final int MAX_VERSION_LENGTH = 40;

	static final int MAX_SUMMARY_LENGTH = 1_000;

	static final int MAX_TEXT_LENGTH = 200_000;

	private static final String SEED = "policy/privacy-policy.md";

	private static final String GERMAN_SEED = "policy/privacy-policy.de.md";

	private static final String SYSTEM = "system";

	private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	private static final Sort LATEST_FIRST = Sort.by(Sort.Direction.DESC, "effectiveAt", "publishedAt");

	private static final Logger log = LoggerFactory.getLogger(PolicyService.class);

	private final MongoTemplate mongo;

	private final AuditService audit;

	private final Clock clock;

	/** Every version, latest effective date first: read on almost every request, published rarely. */
	private final StampedCache<List<PolicyVersion>> published;

	PolicyService(MongoTemplate mongo, AuditService audit, Clock clock, StampedCaches caches) {
		this.mongo = mongo;
		this.audit = audit;
		this.clock = clock;
		this.published = caches.of("policy-versions",
				() -> List.copyOf(mongo.find(new Query().with(LATEST_FIRST), PolicyVersion.class)));
	}

	/** The version in force now, the latest whose effective date has come, in {@code language} if it has it. */
	public PolicyView inForce(String language) {
		return inForceDocument().view(language);
	}

	public String versionInForce() {
		return inForceDocument().version();
	}

	/** Every published version, those not yet in force included, latest effective date first. */
	public Window<PolicyView> versions(Page page, String language) {
		Query query = new Query().with(Sort.by(Sort.Direction.DESC, "effectiveAt")).with(page.position()).limit(page.size());
		return mongo.scroll(query, PolicyVersion.class).map(version -> version.view(language));
	}

	public long versionCount() {
		return mongo.count(new Query(), PolicyVersion.class);
	}

	/**
	 * Publishes a version. It takes over at {@code effectiveAt}; a date already past means on
	 * publication, because a policy never applies retroactively (consent given earlier names the
	 * version that was in force then). A date before the version in force took over is refused.
	 */
	public PublishPolicyVersionPayload publish(Caller admin, PublishPolicyVersionInput input, String language) {
		Instant now = clock.instant();
		String version = input.version() == null ? "" : input.version().strip();
		String summary = input.summary() == null ? "" : input.summary().strip();
		String text = input.text() == null ? "" : input.text();
		List<UserError> errors = new ArrayList<>();
		if (version.isEmpty() || version.length() > MAX_VERSION_LENGTH || !VERSION.matcher(version).matches()) {
			errors.add(UserError.invalid(new Message("error.policy.version", MAX_VERSION_LENGTH), "input", "version"));
		}
		if (summary.isEmpty() || summary.length() > MAX_SUMMARY_LENGTH) {
			errors.add(UserError.invalid(new Message("error.give.summary", MAX_SUMMARY_LENGTH), "input", "summary"));
		}
		if (text.isBlank() || text.length() > MAX_TEXT_LENGTH) {
			errors.add(UserError.invalid(new Message("error.give.text", MAX_TEXT_LENGTH), "input", "text"));
		}
		List<PolicyVersion.Translation> translations = translations(input, errors);
		PolicyVersion current = inForceDocument();
		Instant effectiveAt = input.effectiveAt().truncatedTo(ChronoUnit.MILLIS);
		if (effectiveAt.isBefore(current.effectiveAt())) {
			errors.add(UserError.invalid(
					new Message("error.policy.effective-before", current.version(), current.effectiveAt().toString()), "input",
					"effectiveAt"));
		}
		else if (effectiveAt.isBefore(now)) {
			effectiveAt = now;
		}
		if (errors.isEmpty() && mongo.exists(Query.query(Criteria.where("effectiveAt").is(effectiveAt)),
				PolicyVersion.class)) {
			errors.add(UserError.invalid(new Message("error.policy.effective-taken"), "input", "effectiveAt"));
		}
		if (!errors.isEmpty()) {
			return new PublishPolicyVersionPayload(null, errors);
		}
		PolicyVersion published = new PolicyVersion(version, effectiveAt, summary, text, input.material(), now,
				admin.subject(), translations);
		try {
			mongo.insert(published);
		}
		catch (DuplicateKeyException ex) {
			return new PublishPolicyVersionPayload(null, List.of(UserError.of(UserErrorCode.CONFLICT,
					new Message("error.policy.version-published", version), "input", "version")));
		}
		this.published.changed();
		log.info("Policy: version {} published by {}, effective {}{}", version, admin.subject(), effectiveAt,
				input.material() ? ", material" : "");
		return new PublishPolicyVersionPayload(published.view(language), List.of());
	}

	/** The translations given, each language once and none in the default one; refusals go to {@code errors}. */
	private static List<PolicyVersion.Translation> translations(PublishPolicyVersionInput input, List<UserError> errors) {
		List<PolicyTextInput> given = input.translations() == null ? List.of() : input.translations();
		List<PolicyVersion.Translation> translations = new ArrayList<>();
		TranslationLanguages languages = new TranslationLanguages();
		for (int i = 0; i < given.size(); i++) {
			PolicyTextInput translation = given.get(i);
			String index = Integer.toString(i);
			String language = translation.language() == null ? "" : translation.language().strip();
			languages.check(language, i, "input", "translations").ifPresent(errors::add);
			String summary = translation.summary() == null ? "" : translation.summary().strip();
			String text = translation.text() == null ? "" : translation.text();
			if (summary.isEmpty() || summary.length() > MAX_SUMMARY_LENGTH) {
				errors.add(UserError.invalid(new Message("error.give.summary", MAX_SUMMARY_LENGTH), "input",
						"translations", index, "summary"));
			}
			if (text.isBlank() || text.length() > MAX_TEXT_LENGTH) {
				errors.add(UserError.invalid(new Message("error.give.text", MAX_TEXT_LENGTH), "input",
						"translations", index, "text"));
			}
			translations.add(new PolicyVersion.Translation(language, summary, text));
		}
		return translations;
	}

	/**
	 * Each subject's acknowledgement that still covers the version in force: of that version or of
	 * one in force since the last material change. A subject without one is missing from the map,
	 * and is asked to acknowledge.
	 */
	public Map<String, PolicyAcknowledgementView> acknowledgements(Collection<String> subjectIds) {
		Instant now = clock.instant();
		List<String> labels = new ArrayList<>();
		for (PolicyVersion version : published.get()) {
			if (!version.effectiveAt().isAfter(now)) {
				labels.add(version.version());
				if (version.material()) {
					break;
				}
			}
		}
		Query acknowledged = Query.query(Criteria.where("subjectId").in(subjectIds).and("version").in(labels))
			.with(Sort.by(Sort.Direction.ASC, "at"));
		Map<String, PolicyAcknowledgementView> latest = new HashMap<>();
		mongo.find(acknowledged, PolicyAcknowledgement.class)
			.forEach(acknowledgement -> latest.put(acknowledgement.subjectId(), toView(acknowledgement)));
		return latest;
	}

	/** Records that the subject acknowledged the version in force; again is a no-op. */
	public AcknowledgePolicyPayload acknowledge(String subjectId, String version) {
		PolicyVersion current = inForceDocument();
		if (!current.version().equals(version)) {
			return new AcknowledgePolicyPayload(null, List.of(UserError.invalid(
					new Message("error.policy.acknowledge-current", current.version()), "version")));
		}
		String id = PolicyAcknowledgement.idOf(subjectId, version);
		PolicyAcknowledgement acknowledgement = new PolicyAcknowledgement(id, subjectId, version,
				clock.instant());
		try {
			mongo.insert(acknowledgement);
		}
		catch (DuplicateKeyException ex) {
			return new AcknowledgePolicyPayload(toView(mongo.findById(id, PolicyAcknowledgement.class)), List.of());
		}
		audit.record(AuditEntry.bySubject(subjectId, "policy.acknowledged", version, Map.of("version", version)));
		return new AcknowledgePolicyPayload(toView(acknowledgement), List.of());
	}

	private static PolicyAcknowledgementView toView(PolicyAcknowledgement acknowledgement) {
		return new PolicyAcknowledgementView(acknowledgement.version(), acknowledgement.at());
	}

	private PolicyVersion inForceDocument() {
		Instant now = clock.instant();
		return published.get()
			.stream()
			.filter(version -> !version.effectiveAt().isAfter(now))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No privacy policy version is in force"));
	}

	/**
	 * Seeds the policy in the repository, in English and German, as the first version, in force from
	 * the first start; a first version seeded before it had translations gets the German one.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void seedFirstVersion() {
		String german = readSeed(GERMAN_SEED);
		List<PolicyVersion.Translation> translations = List
			.of(new PolicyVersion.Translation("de", summaryOf(german), german));
		if (mongo.exists(new Query(), PolicyVersion.class)) {
			Query untranslatedSeed = Query.query(Criteria.where("_id").is(FIRST_VERSION)
				.and("publishedBy").is(SYSTEM)
				.and("translations").exists(false));
			if (mongo.updateFirst(untranslatedSeed, Update.update("translations", translations), PolicyVersion.class)
				.getModifiedCount() == 1) {
				published.changed();
			}
			return;
		}
		String text = readSeed(SEED);
		try {
			mongo.insert(new PolicyVersion(FIRST_VERSION, clock.instant(), summaryOf(text), text, false, clock.instant(),
					SYSTEM, translations));
			log.info("Policy: seeded version {}", FIRST_VERSION);
		}
		catch (DuplicateKeyException ex) {
			// another instance seeded it first
		}
		published.changed();
	}

	/** The first paragraph after the title. */
	static String summaryOf(String markdown) {
		for (String paragraph : markdown.split("\\R\\s*\\R")) {
			String trimmed = paragraph.strip();
			if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
				return trimmed.replaceAll("\\s*\\R\\s*", " ");
			}
		}
		return "";
	}

	private static String readSeed(String location) {
		try {
			return new ClassPathResource(location).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The seed policy " + location + " is missing", ex);
		}
	}

}
