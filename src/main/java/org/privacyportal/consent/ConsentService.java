package org.privacyportal.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.Message;
import org.privacyportal.api.Page;
import org.privacyportal.api.UserError;
import org.privacyportal.api.UserErrorCode;
import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.consent.ConsentViews.ConsentChangeInput;
import org.privacyportal.consent.ConsentViews.ConsentEventView;
import org.privacyportal.consent.ConsentViews.ConsentSettingsView;
import org.privacyportal.consent.ConsentViews.PurposeConsentView;
import org.privacyportal.consent.ConsentViews.UpdateConsentsInput;
import org.privacyportal.consent.ConsentViews.UpdateConsentsPayload;
import org.privacyportal.policy.PolicyService;
import org.privacyportal.system.SystemTasks;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Consent choices and their append-only history. A change is one conditional write of the
 * settings document (choices, revision and the new events together); concurrent writers retry on
 * the revision, so no event is lost and the last event always matches the current choice.
 */
@Service
public class ConsentService {

	static final int MAX_CHANGES = 50;

	static final int MAX_CHANNEL_LENGTH = 40;

	private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9._:-]+");

	private static final int MAX_ATTEMPTS = 200;

	private final MongoTemplate mongo;

	private final ConsentCatalog catalog;

	private final ConsentMapper mapper;

	private final PolicyService policies;

	private final AuditService audit;

	private final SystemTasks systems;

	private final Clock clock;

	ConsentService(MongoTemplate mongo, ConsentCatalog catalog, ConsentMapper mapper, PolicyService policies,
			AuditService audit, SystemTasks systems, Clock clock) {
		this.systems = systems;
		this.mongo = mongo;
		this.catalog = catalog;
		this.mapper = mapper;
		this.policies = policies;
		this.audit = audit;
		this.clock = clock;
	}

	public List<ConsentPurposeView> purposes(boolean includeRetired, String language) {
		return (includeRetired ? catalog.all() : catalog.purposes()).stream()
			.map(purpose -> ConsentPurposeView.of(purpose, language))
			.toList();
	}

	/** Every purpose in use with the subject's choice, titles in {@code language}. */
	public ConsentSettingsView settings(String subjectId, String language) {
		ConsentSettings settings = mongo.findById(subjectId, ConsentSettings.class);
		return toView(settings != null ? settings : ConsentSettings.empty(subjectId), catalog.purposes(), language);
	}

	/** Newest first. Events still waiting in the settings document are copied over first. */
	public Window<ConsentEventView> history(String subjectId, Page page) {
		flushPendingEvents(subjectId);
		Query query = Query.query(Criteria.where("subjectId").is(subjectId))
			.with(Sort.by(Sort.Direction.DESC, "seq"))
			.with(page.position())
			.limit(page.size());
		return mongo.scroll(query, ConsentEvent.class).map(mapper::toView);
	}

	public long historySize(String subjectId) {
		flushPendingEvents(subjectId);
		return mongo.count(Query.query(Criteria.where("subjectId").is(subjectId)), ConsentEvent.class);
	}

	/** The subject's own changes: all applied, or none when any is refused. */
	public UpdateConsentsPayload update(String subjectId, UpdateConsentsInput input, String language) {
		List<ConsentPurpose> purposes = catalog.purposes();
		List<UserError> errors = validate(input, purposes, language);
		if (!errors.isEmpty()) {
			return new UpdateConsentsPayload(null, errors);
		}
		Map<String, Boolean> changes = new LinkedHashMap<>();
		input.changes().forEach(change -> changes.put(change.purposeKey(), change.granted()));
		ConsentSettings written = write(subjectId, changes, ConsentSource.SUBJECT, input.channel(), false);
		audit.record(AuditEntry.bySubject(subjectId, "consent.updated", subjectId, describe(changes)));
		return new UpdateConsentsPayload(toView(written, purposes, language), List.of());
	}

	/**
	 * Honours a {@code Sec-GPC: 1} signal: withdraws the purposes marked
	 * {@code withdrawnByGlobalPrivacyControl} the first time the subject is seen with it, and never
	 * again after (a later opt-in stands).
	 */
	public void applyGlobalPrivacyControl(String subjectId) {
		ConsentSettings current = load(subjectId);
		if (current.gpcAppliedAt() != null) {
			return;
		}
		Map<String, Boolean> changes = new LinkedHashMap<>();
		catalog.purposes()
			.stream()
			.filter(purpose -> purpose.current().withdrawnByGlobalPrivacyControl())
			.forEach(purpose -> changes.put(purpose.key(), false));
		if (write(subjectId, changes, ConsentSource.GLOBAL_PRIVACY_CONTROL, "Sec-GPC", true) != null) {
			audit.record(AuditEntry.bySystem(subjectId, "consent.global-privacy-control", subjectId, describe(changes)));
		}
	}

	private List<UserError> validate(UpdateConsentsInput input, List<ConsentPurpose> purposes, String language) {
		List<UserError> errors = new ArrayList<>();
		if (input.changes().isEmpty() || input.changes().size() > MAX_CHANGES) {
			errors.add(UserError.invalid(new Message("error.consent.changes", MAX_CHANGES), "input", "changes"));
		}
		String channel = input.channel();
		if (channel != null && (channel.length() > MAX_CHANNEL_LENGTH || !CHANNEL.matcher(channel).matches())) {
			errors.add(UserError.invalid(new Message("error.consent.channel", MAX_CHANNEL_LENGTH), "input", "channel"));
		}
		Map<String, ConsentPurpose> byKey = new HashMap<>();
		purposes.forEach(p -> byKey.put(p.key(), p));
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < input.changes().size(); i++) {
			ConsentChangeInput change = input.changes().get(i);
			String index = Integer.toString(i);
			ConsentPurpose purpose = byKey.get(change.purposeKey());
			if (purpose == null) {
				errors.add(UserError.invalid(new Message("error.purpose.unknown", abbreviate(change.purposeKey())), "input",
						"changes", index, "purposeKey"));
			}
			else if (!seen.add(change.purposeKey())) {
				errors.add(UserError.invalid(new Message("error.consent.twice", change.purposeKey()), "input",
						"changes", index, "purposeKey"));
			}
			else if (purpose.basis() == ConsentBasis.REQUIRED && !change.granted()) {
				errors.add(UserError.of(UserErrorCode.REQUIRED_PURPOSE,
						new Message("error.consent.required", ConsentPurposeView.of(purpose, language).title()), "input",
						"changes", index, "granted"));
			}
		}
		return errors;
	}

	/**
	 * Writes the changes with their events in one conditional update, retrying on a concurrent
	 * write. With {@code onlyOnceForGpc} the write happens only if the signal was never applied;
	 * answers null when it already was.
	 */
	private @Nullable ConsentSettings write(String subjectId, Map<String, Boolean> changes, ConsentSource source,
			@Nullable String channel, boolean onlyOnceForGpc) {
		String policyVersion = policies.versionInForce();
		Map<String, Integer> purposeVersions = new HashMap<>();
		catalog.purposes().forEach(purpose -> purposeVersions.put(purpose.key(), purpose.current().version()));
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			ConsentSettings current = load(subjectId);
			if (onlyOnceForGpc && current.gpcAppliedAt() != null) {
				return null;
			}
			Instant now = clock.instant();
			Map<String, ConsentSettings.Choice> choices = new HashMap<>(current.choices());
			// events a concurrent flush already copied may be written back; copying them again is a no-op
			List<ConsentEvent.Recorded> events = new ArrayList<>(current.pendingEvents());
			long seq = current.eventSeq();
			for (Map.Entry<String, Boolean> change : changes.entrySet()) {
				seq++;
				int purposeVersion = purposeVersions.getOrDefault(change.getKey(), 1);
				choices.put(change.getKey(), new ConsentSettings.Choice(change.getValue(), source, now, purposeVersion));
				events.add(new ConsentEvent.Recorded(seq, change.getKey(), purposeVersion, change.getValue(), source,
						channel, policyVersion, now));
			}
			Query query = Query.query(Criteria.where("_id").is(subjectId).and("revision").is(current.revision()));
			Update update = new Update().set("revision", current.revision() + 1)
				.set("eventSeq", seq)
				.set("choices", choices)
				.set("updatedAt", now)
				.set("pendingEvents", events);
			if (onlyOnceForGpc) {
				update.set("gpcAppliedAt", now);
			}
			if (mongo.updateFirst(query, update, ConsentSettings.class).getModifiedCount() == 1) {
				flushPendingEvents(subjectId);
				long changed = current.eventSeq();
				for (Map.Entry<String, Boolean> change : changes.entrySet()) {
					systems.consentChanged(subjectId, ++changed, change.getKey(), change.getValue(), source.name());
				}
				return new ConsentSettings(subjectId, current.revision() + 1, seq, choices, now,
						onlyOnceForGpc ? now : current.gpcAppliedAt(), List.of());
			}
			backOff(attempt);
		}
		throw new IllegalStateException("Consent settings of " + subjectId + " are too busy to update");
	}

	/** Copies events from the settings document to the history; re-running it is harmless. */
	void flushPendingEvents(String subjectId) {
		ConsentSettings settings = mongo.findById(subjectId, ConsentSettings.class);
		if (settings == null || settings.pendingEvents().isEmpty()) {
			return;
		}
		List<Long> flushed = new ArrayList<>();
		for (ConsentEvent.Recorded event : settings.pendingEvents()) {
			try {
				mongo.insert(ConsentEvent.of(subjectId, event));
			}
			catch (DuplicateKeyException ex) {
				// copied by a concurrent flush
			}
			flushed.add(event.seq());
		}
		mongo.updateFirst(Query.query(Criteria.where("_id").is(subjectId)),
				new Update().pull("pendingEvents", Query.query(Criteria.where("seq").in(flushed))),
				ConsentSettings.class);
	}

	private ConsentSettings load(String subjectId) {
		ConsentSettings settings = mongo.findById(subjectId, ConsentSettings.class);
		if (settings != null) {
			return settings;
		}
		try {
			return mongo.insert(ConsentSettings.empty(subjectId));
		}
		catch (DuplicateKeyException ex) {
			return mongo.findById(subjectId, ConsentSettings.class);
		}
	}

	private ConsentSettingsView toView(ConsentSettings settings, List<ConsentPurpose> purposes, String language) {
		Function<ConsentPurpose, PurposeConsentView> purposeView = purpose -> {
			ConsentPurposeView view = ConsentPurposeView.of(purpose, language);
			ConsentSettings.Choice choice = settings.choices().get(purpose.key());
			if (choice == null) {
				return new PurposeConsentView(view, view.defaultGranted(), ConsentSource.DEFAULT, null, false);
			}
			boolean outdated = purpose.basis() == ConsentBasis.OPT_IN && choice.granted()
					&& choice.purposeVersionOrFirst() < purpose.reconsentSince();
			return new PurposeConsentView(view, choice.granted() && !outdated, choice.source(), choice.at(), outdated);
		};
		return new ConsentSettingsView(settings.subjectId(), purposes.stream().map(purposeView).toList(),
				settings.updatedAt());
	}

	private static Map<String, String> describe(Map<String, Boolean> changes) {
		Map<String, String> details = new LinkedHashMap<>();
		changes.forEach((key, granted) -> details.put(key, granted ? "granted" : "withdrawn"));
		return details;
	}

	private static String abbreviate(String value) {
		return value.length() <= 60 ? value : value.substring(0, 60) + "…";
	}

	private static void backOff(int attempt) {
		try {
			Thread.sleep(ThreadLocalRandom.current().nextInt(1, 2 + Math.min(attempt, 20)));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while updating consent settings", ex);
		}
	}

}
