package org.privacyportal.subject;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.privacyportal.api.Message;
import org.privacyportal.api.NotFoundException;
import org.privacyportal.api.Page;
import org.privacyportal.api.UserError;
import org.privacyportal.api.UserErrorCode;
import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.language.Languages;
import org.privacyportal.notification.PendingMail;
import org.privacyportal.security.Caller;
import org.privacyportal.subject.SubjectViews.PostalAddressView;
import org.privacyportal.subject.SubjectViews.ProfileChange;
import org.privacyportal.subject.SubjectViews.ProfileView;
import org.privacyportal.subject.SubjectViews.SetLegalHoldInput;
import org.privacyportal.subject.SubjectViews.SubjectFilter;
import org.privacyportal.subject.SubjectViews.SubjectIdentity;
import org.privacyportal.subject.SubjectViews.SubjectPayload;
import org.privacyportal.subject.SubjectViews.SubjectView;
import org.privacyportal.subject.SubjectViews.UpdatePreferencesInput;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Data subjects: registration from a token, lookup, search, legal holds, corrections and erasure. */
@Service
public class SubjectService {

	static final int MAX_REASON_LENGTH = 500;

	static final String REGISTRATION_MAIL = "registration";

	private static final String NOT_GIVEN = "(not given)";

	private static final int MAX_CLAIM_LENGTH = 200;

	private final MongoTemplate mongo;

	private final SubjectMapper mapper;

	private final AuditService audit;

	private final ProfileLanguages languages;

	private final Clock clock;

	SubjectService(MongoTemplate mongo, SubjectMapper mapper, AuditService audit, ProfileLanguages languages,
			Clock clock) {
		this.mongo = mongo;
		this.mapper = mapper;
		this.audit = audit;
		this.languages = languages;
		this.clock = clock;
	}

	/**
	 * The caller's subject, registered from the token on first use. A concurrent first call loses
	 * the race on the unique identity index and reads the winner's subject.
	 */
	public SubjectView current(Caller caller) {
		Subject existing = findByIdentity(caller);
		if (existing != null) {
			return mapper.toView(existing);
		}
		String email = claim(caller.email());
		String id = UUID.randomUUID().toString();
		Instant now = clock.instant();
		Subject.Profile profile = new Subject.Profile(claim(caller.name()), email, null, null, null, null);
		Set<CollectionSource> sources = EnumSet.of(CollectionSource.REGISTRATION);
		// the confirmation of §3 is written with the subject, so it exists exactly when the subject does
		List<PendingMail> outbox = email == null ? List.of()
				: List.of(PendingMail.of(REGISTRATION_MAIL, id, registrationMail(profile, sources, now), now));
		Subject subject = new Subject(id, caller.issuer(), caller.subject(), now, profile, Subject.emailKey(email),
				sources, false, null, null, null, outbox);
		try {
			mongo.insert(subject);
		}
		catch (DuplicateKeyException ex) {
			Subject winner = findByIdentity(caller);
			if (winner == null) {
				throw ex;
			}
			return mapper.toView(winner);
		}
		audit.record(AuditEntry.bySubject(subject.id(), "subject.registered", subject.id(),
				Map.of("source", CollectionSource.REGISTRATION.name())));
		return mapper.toView(subject);
	}

	public Optional<SubjectView> find(String id) {
		return Optional.ofNullable(mongo.findById(id, Subject.class)).map(mapper::toView);
	}

	/** Who signed in as the subject, for the systems that must find them in their own records. */
	public Optional<SubjectIdentity> identity(String id) {
		return Optional.ofNullable(mongo.findById(id, Subject.class))
			.map(subject -> new SubjectIdentity(subject.issuer(), subject.externalId(), subject.profile().email()));
	}

	public SubjectView get(String id) {
		return find(id).orElseThrow(() -> new NotFoundException("subject"));
	}

	/** Newest registration first. */
	public Window<SubjectView> search(@Nullable SubjectFilter filter, Page page) {
		Query query = Query.query(criteria(filter))
			.with(Sort.by(Sort.Direction.DESC, "registeredAt"))
			.with(page.position())
			.limit(page.size());
		return mongo.scroll(query, Subject.class).map(mapper::toView);
	}

	public long count(@Nullable SubjectFilter filter) {
		return mongo.count(Query.query(criteria(filter)), Subject.class);
	}

	public SubjectPayload setLegalHold(Caller staff, SetLegalHoldInput input) {
		String reason = input.reason() == null ? "" : input.reason().strip();
		if (reason.isEmpty() || reason.length() > MAX_REASON_LENGTH) {
			return new SubjectPayload(null, List.of(UserError.invalid(
					new Message("error.give.reason", MAX_REASON_LENGTH), "input", "reason")));
		}
		Subject subject = mongo.findById(input.subjectId(), Subject.class);
		if (subject == null) {
			throw new NotFoundException("subject");
		}
		Criteria state = Criteria.where("_id").is(subject.id()).and("legalHold").is(!input.hold());
		if (input.hold()) {
			// an erasure that has begun runs to the end; see beginErasure
			state.and("erasureStartedAt").is(null);
		}
		Update update = Update.update("legalHold", input.hold()).set("legalHoldReason", input.hold() ? reason : null);
		if (mongo.updateFirst(Query.query(state), update, Subject.class).getModifiedCount() == 0) {
			Subject now = mongo.findById(subject.id(), Subject.class);
			Message message = new Message(input.hold() && now != null && now.erasureStartedAt() != null
					? "error.subject.hold-erased" : input.hold() ? "error.subject.hold-placed" : "error.subject.hold-not-placed");
			return new SubjectPayload(null, List.of(UserError.of(UserErrorCode.CONFLICT, message, "input", "hold")));
		}
		audit.record(AuditEntry.byStaff(subject.id(), staff.subject(),
				input.hold() ? "subject.legal-hold.placed" : "subject.legal-hold.released", subject.id(),
				Map.of("reason", reason)));
		return new SubjectPayload(get(subject.id()), List.of());
	}

	/** The subject ids among {@code subjectIds} that are on legal hold. */
	public Set<String> onLegalHold(Collection<String> subjectIds) {
		Query query = Query.query(Criteria.where("_id").in(subjectIds).and("legalHold").is(true));
		query.fields().include("_id");
		Set<String> held = new HashSet<>();
		mongo.find(query, Document.class, Subject.COLLECTION).forEach(document -> held.add(document.getString("_id")));
		return held;
	}

	/**
	 * A profile field as text, the way correction requests show it (an address as
	 * {@link PostalAddressView#toJson()}); null when the field is not held.
	 */
	public @Nullable String profileValue(String subjectId, ProfileField field) {
		return text(get(subjectId).profile(), field);
	}

	/**
	 * Writes an approved correction in one conditional update that does nothing once the subject's
	 * erasure has begun, so a late approval never brings personal data back. Answers the value that
	 * was replaced, or empty when nothing was written.
	 */
	public Optional<ProfileChange> applyCorrection(String subjectId, ProfileField field, String value) {
		Update update = switch (field) {
			case FULL_NAME -> Update.update("profile.fullName", value);
			case EMAIL -> Update.update("profile.email", value).set("emailKey", Subject.emailKey(value));
			case PHONE -> Update.update("profile.phone", value);
			case POSTAL_ADDRESS -> Update.update("profile.postalAddress", toDocument(PostalAddressView.fromJson(value)));
			case ORGANIZATION -> Update.update("profile.organization", value);
		};
		Query query = Query.query(Criteria.where("_id").is(subjectId).and("erasureStartedAt").is(null));
		Subject before = mongo.findAndModify(query, update, Subject.class);
		return Optional.ofNullable(before).map(s -> new ProfileChange(text(mapper.toView(s).profile(), field), value));
	}

	/**
	 * Opens the subject's erasure unless a legal hold is in place. From then on no hold can be placed
	 * and no correction is applied, so a hold and an erasure never overlap. Answers false while the
	 * subject is held; for an erasure already begun (a re-run) it answers true again.
	 */
	public boolean beginErasure(String subjectId) {
		Query notHeld = Query.query(Criteria.where("_id").is(subjectId).and("legalHold").is(false));
		Instant now = clock.instant();
		if (mongo.findAndModify(notHeld, new Update().min("erasureStartedAt", now), Subject.class) != null) {
			return true;
		}
		return !mongo.exists(Query.query(Criteria.where("_id").is(subjectId)), Subject.class);
	}

	private static @Nullable String text(ProfileView profile, ProfileField field) {
		return switch (field) {
			case FULL_NAME -> profile.fullName();
			case EMAIL -> profile.email();
			case PHONE -> profile.phone();
			case POSTAL_ADDRESS -> profile.postalAddress() == null ? null : profile.postalAddress().toJson();
			case ORGANIZATION -> profile.organization();
		};
	}

	private static Subject.PostalAddress toDocument(PostalAddressView address) {
		return new Subject.PostalAddress(address.line1(), address.line2(), address.city(), address.region(),
				address.postalCode(), address.country());
	}

	/** What the registration mail shows: the information obtained and its sources. */
	private static Map<String, String> registrationMail(Subject.Profile profile, Set<CollectionSource> sources,
			Instant registeredAt) {
		Map<String, String> model = new LinkedHashMap<>();
		model.put("fullName", orNotGiven(profile.fullName()));
		model.put("email", orNotGiven(profile.email()));
		model.put("phone", orNotGiven(profile.phone()));
		model.put("postalAddress", profile.postalAddress() == null ? NOT_GIVEN : format(profile.postalAddress()));
		model.put("organization", orNotGiven(profile.organization()));
		model.put("sources", sources.stream()
			.sorted()
			.map(source -> source.name().toLowerCase(Locale.ROOT).replace('_', ' '))
			.collect(Collectors.joining(", ")));
		model.put("registeredAt", registeredAt.toString());
		return model;
	}

	private static String format(Subject.PostalAddress address) {
		String joined = Stream
			.of(address.line1(), address.line2(), address.city(), address.region(), address.postalCode(),
					address.country())
			.filter(part -> part != null && !part.isBlank())
			.collect(Collectors.joining(", "));
		return joined.isEmpty() ? NOT_GIVEN : joined;
	}

	private static String orNotGiven(@Nullable String value) {
		return value == null || value.isBlank() ? NOT_GIVEN : value;
	}

	/** The subject's own preferences; a language the portal does not speak is {@code INVALID}. */
	SubjectPayload updatePreferences(Caller caller, UpdatePreferencesInput input) {
		String language = input.language() == null || input.language().isBlank() ? null : input.language().strip();
		if (language != null && !Languages.supported(language)) {
			return new SubjectPayload(null, List.of(UserError.invalid(
					new Message("error.subject.language", String.join(", ", Languages.SUPPORTED)), "input", "language")));
		}
		String subjectId = current(caller).id();
		mongo.updateFirst(Query.query(Criteria.where("_id").is(subjectId).and("erasedAt").isNull()),
				Update.update("profile.language", language), Subject.class);
		languages.forget(caller.issuer(), caller.subject());
		audit.record(AuditEntry.bySubject(subjectId, "subject.preferences-updated", subjectId,
				Map.of("language", language == null ? "(not set)" : language)));
		return new SubjectPayload(get(subjectId), List.of());
	}

	private @Nullable Subject findByIdentity(Caller caller) {
		return mongo.findOne(
				Query.query(Criteria.where("issuer").is(caller.issuer()).and("externalId").is(caller.subject())),
				Subject.class);
	}

	private static Criteria criteria(@Nullable SubjectFilter filter) {
		List<Criteria> all = new ArrayList<>();
		if (filter != null) {
			if (filter.email() != null) {
				all.add(Criteria.where("emailKey").is(Subject.emailKey(filter.email())));
			}
			if (filter.nameContains() != null && !filter.nameContains().isBlank()) {
				all.add(Criteria.where("profile.fullName")
					.regex(Pattern.compile(Pattern.quote(filter.nameContains().strip()), Pattern.CASE_INSENSITIVE)));
			}
			if (filter.legalHold() != null) {
				all.add(Criteria.where("legalHold").is(filter.legalHold()));
			}
		}
		return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
	}

	/** Claims longer than a profile field allows are cut rather than refusing the sign-in. */
	private static @Nullable String claim(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.strip();
		return trimmed.length() <= MAX_CLAIM_LENGTH ? trimmed : trimmed.substring(0, MAX_CLAIM_LENGTH);
	}

}
