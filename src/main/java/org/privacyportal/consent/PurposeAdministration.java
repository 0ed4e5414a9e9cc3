package org.privacyportal.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.privacyportal.api.Message;
import org.privacyportal.api.UserError;
import org.privacyportal.api.UserErrorCode;
import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.consent.ConsentViews.DefinePurposeInput;
import org.privacyportal.consent.ConsentViews.PurposePayload;
import org.privacyportal.consent.ConsentViews.PurposeTextInput;
import org.privacyportal.consent.ConsentViews.RetirePurposeInput;
import org.privacyportal.language.TranslationLanguages;
import org.privacyportal.security.Caller;

import org.springframework.stereotype.Service;

/**
 * The admin's changes to the purpose catalog. A new key adds a purpose, an existing one a version
 * of it; old versions are kept, since a consent event names the version the subject saw. Every
 * change is audited under {@link #AUDIT_TRAIL}, the catalog's own trail.
 */
@Service
class PurposeAdministration {

	/** The audit trail of the catalog, which belongs to no subject. */
	static final String AUDIT_TRAIL = "catalog:consent-purposes";

	static final int MAX_TITLE_LENGTH = 100;

	static final int MAX_DESCRIPTION_LENGTH = 1_000;

	static final int MAX_REASON_LENGTH = 500;

	static final int MAX_TRANSLATIONS = 20;

	private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{1,59}");

	private static final Logger log = LoggerFactory.getLogger(PurposeAdministration.class);

	private final ConsentCatalog catalog;

	private final AuditService audit;

	private final Clock clock;

	PurposeAdministration(ConsentCatalog catalog, AuditService audit, Clock clock) {
		this.catalog = catalog;
		this.audit = audit;
		this.clock = clock;
	}

	PurposePayload define(Caller admin, DefinePurposeInput input, String language) {
		String key = input.key() == null ? "" : input.key().strip();
		Optional<ConsentPurpose> existing = catalog.find(key);
		List<UserError> errors = validate(input, key, existing);
		if (!errors.isEmpty()) {
			return new PurposePayload(null, errors);
		}
		Instant now = clock.instant();
		int number = existing.map(purpose -> purpose.current().version() + 1).orElse(1);
		ConsentPurpose.Version version = new ConsentPurpose.Version(number, input.title().strip(),
				input.description().strip(), input.defaultGranted(), input.withdrawnByGlobalPrivacyControl(),
				Boolean.TRUE.equals(input.reconsentRequired()), translations(input), now, admin.subject());
		boolean written = existing.isEmpty() ? catalog.add(key, input.basis(), version)
				: catalog.addVersion(existing.get(), version);
		if (!written) {
			return new PurposePayload(null, List.of(UserError.of(UserErrorCode.CONFLICT,
					new Message("error.purpose.changed-meanwhile", key), "input", "key")));
		}
		Map<String, String> details = new LinkedHashMap<>();
		details.put("version", Integer.toString(number));
		details.put("basis", input.basis().name());
		details.put("defaultGranted", Boolean.toString(version.defaultGranted()));
		details.put("withdrawnByGlobalPrivacyControl", Boolean.toString(version.withdrawnByGlobalPrivacyControl()));
		details.put("reconsentRequired", Boolean.toString(version.reconsentRequired()));
		details.put("title", version.title());
		audit.record(AuditEntry.byStaff(AUDIT_TRAIL, admin.subject(), "purpose.defined", key, details));
		log.info("Consent: purpose {} version {} defined by {}", key, number, admin.subject());
		return new PurposePayload(ConsentPurposeView.of(catalog.find(key).orElseThrow(), language), List.of());
	}

	PurposePayload retire(Caller admin, RetirePurposeInput input, String language) {
		String key = input.key() == null ? "" : input.key().strip();
		String reason = input.reason() == null ? "" : input.reason().strip();
		Optional<ConsentPurpose> existing = catalog.find(key);
		List<UserError> errors = new ArrayList<>();
		if (existing.isEmpty()) {
			errors.add(UserError.invalid(new Message("error.purpose.unknown", abbreviate(key)), "input", "key"));
		}
		else if (existing.get().retired()) {
			errors.add(UserError.of(UserErrorCode.CONFLICT, new Message("error.purpose.retired", key), "input", "key"));
		}
		if (reason.isEmpty() || reason.length() > MAX_REASON_LENGTH) {
			errors.add(UserError.invalid(new Message("error.give.reason", MAX_REASON_LENGTH), "input", "reason"));
		}
		if (!errors.isEmpty()) {
			return new PurposePayload(null, errors);
		}
		if (!catalog.retire(key, reason, clock.instant())) {
			return new PurposePayload(null, List.of(UserError.of(UserErrorCode.CONFLICT,
					new Message("error.purpose.retired", key), "input", "key")));
		}
		audit.record(AuditEntry.byStaff(AUDIT_TRAIL, admin.subject(), "purpose.retired", key,
				Map.of("version", Integer.toString(existing.get().current().version()), "reason", reason)));
		log.info("Consent: purpose {} retired by {}", key, admin.subject());
		return new PurposePayload(ConsentPurposeView.of(catalog.find(key).orElseThrow(), language), List.of());
	}

	private static List<UserError> validate(DefinePurposeInput input, String key, Optional<ConsentPurpose> existing) {
		List<UserError> errors = new ArrayList<>();
		if (!KEY.matcher(key).matches()) {
			errors.add(UserError.invalid(new Message("error.purpose.key"), "input", "key"));
		}
		else if (existing.isPresent() && existing.get().retired()) {
			errors.add(UserError.of(UserErrorCode.CONFLICT, new Message("error.purpose.retired-key", key), "input", "key"));
		}
		checkText(errors, input.title(), input.description(), "input");
		if (existing.isPresent() && existing.get().basis() != input.basis()) {
			errors.add(UserError.invalid(new Message("error.purpose.basis", key, existing.get().basis().name()), "input",
					"basis"));
		}
		if (contradicts(input.basis(), input.defaultGranted())) {
			errors.add(UserError.invalid(
					new Message("error.purpose.default", input.basis().name(), Boolean.toString(!input.defaultGranted())),
					"input", "defaultGranted"));
		}
		if (Boolean.TRUE.equals(input.reconsentRequired())
				&& (existing.isEmpty() || input.basis() != ConsentBasis.OPT_IN)) {
			errors.add(UserError.invalid(new Message("error.purpose.reconsent"), "input", "reconsentRequired"));
		}
		List<PurposeTextInput> translations = input.translations() == null ? List.of() : input.translations();
		if (translations.size() > MAX_TRANSLATIONS) {
			errors.add(UserError.invalid(new Message("error.purpose.translations", MAX_TRANSLATIONS), "input",
					"translations"));
			return errors;
		}
		TranslationLanguages languages = new TranslationLanguages();
		for (int i = 0; i < translations.size(); i++) {
			PurposeTextInput translation = translations.get(i);
			String index = Integer.toString(i);
			languages.check(translation.language(), i, "input", "translations").ifPresent(errors::add);
			checkText(errors, translation.title(), translation.description(), "input", "translations", index);
		}
		return errors;
	}

	private static void checkText(List<UserError> errors, String title, String description, String... at) {
		if (title == null || title.isBlank() || title.strip().length() > MAX_TITLE_LENGTH) {
			errors.add(UserError.invalid(new Message("error.give.title", MAX_TITLE_LENGTH), field(at, "title")));
		}
		if (description == null || description.isBlank() || description.strip().length() > MAX_DESCRIPTION_LENGTH) {
			errors.add(UserError.invalid(new Message("error.give.description", MAX_DESCRIPTION_LENGTH),
					field(at, "description")));
		}
	}

	private static String[] field(String[] at, String name) {
		String[] field = Arrays.copyOf(at, at.length + 1);
		field[at.length] = name;
		return field;
	}

	/** REQUIRED purposes are always granted, OPT_IN ones off and OPT_OUT ones on until the subject chooses. */
	private static boolean contradicts(ConsentBasis basis, boolean defaultGranted) {
		return basis == ConsentBasis.OPT_IN ? defaultGranted : !defaultGranted;
	}

	private static List<ConsentPurpose.Text> translations(DefinePurposeInput input) {
		return input.translations() == null ? List.of()
				: input.translations()
					.stream()
					.map(t -> new ConsentPurpose.Text(t.language().strip(), t.title().strip(), t.description().strip()))
					.toList();
	}

	private static String abbreviate(String value) {
		return value.length() <= 60 ? value : value.substring(0, 60) + "…";
	}

}
