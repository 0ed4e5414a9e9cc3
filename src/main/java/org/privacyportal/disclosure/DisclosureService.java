package org.privacyportal.disclosure;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.Message;
import org.privacyportal.api.Page;
import org.privacyportal.api.UserError;
import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.disclosure.DisclosureViews.DisclosureView;
import org.privacyportal.disclosure.DisclosureViews.RecordDisclosureInput;
import org.privacyportal.disclosure.DisclosureViews.RecordDisclosurePayload;
import org.privacyportal.security.Caller;
import org.privacyportal.subject.SubjectService;

import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The log of disclosures for legal purposes (§6). The subject sees a disclosure once it is no longer
 * confidential, never before; staff see all of them.
 */
@Service
class DisclosureService {

	static final int MAX_RECIPIENT_LENGTH = 200;

	static final int MAX_CATEGORIES = 20;

	static final int MAX_CATEGORY_LENGTH = 100;

	private final MongoTemplate mongo;

	private final DisclosureMapper mapper;

	private final SubjectService subjects;

	private final AuditService audit;

	private final Clock clock;

	DisclosureService(MongoTemplate mongo, DisclosureMapper mapper, SubjectService subjects, AuditService audit,
			Clock clock) {
		this.mongo = mongo;
		this.mapper = mapper;
		this.subjects = subjects;
		this.audit = audit;
		this.clock = clock;
	}

	RecordDisclosurePayload record(Caller staff, RecordDisclosureInput input) {
		Instant now = clock.instant();
		List<UserError> errors = new ArrayList<>();
		String recipient = input.recipient() == null ? "" : input.recipient().strip();
		if (recipient.isEmpty() || recipient.length() > MAX_RECIPIENT_LENGTH) {
			errors.add(UserError.invalid(new Message("error.give.recipient", MAX_RECIPIENT_LENGTH), "input", "recipient"));
		}
		List<String> categories = categories(input.dataCategories(), errors);
		if (input.disclosedAt().isAfter(now)) {
			errors.add(UserError.invalid(new Message("error.disclosure.future"), "input", "disclosedAt"));
		}
		if (input.confidentialUntil() != null && !input.confidentialUntil().isAfter(input.disclosedAt())) {
			errors.add(UserError.invalid(new Message("error.disclosure.confidential-until"), "input", "confidentialUntil"));
		}
		if (!errors.isEmpty()) {
			return new RecordDisclosurePayload(null, errors);
		}
		String subjectId = subjects.get(input.subjectId()).id();
		Disclosure disclosure = mongo.insert(new Disclosure(UUID.randomUUID().toString(), subjectId, recipient,
				input.basis(), categories, input.disclosedAt(), input.confidentialUntil(), now, staff.subject(), null));
		Map<String, String> details = new LinkedHashMap<>();
		details.put("recipient", recipient);
		details.put("basis", input.basis().name());
		details.put("dataCategories", String.join("; ", categories));
		details.put("disclosedAt", input.disclosedAt().toString());
		if (input.confidentialUntil() != null) {
			details.put("confidentialUntil", input.confidentialUntil().toString());
		}
		audit.record(AuditEntry.byStaff(subjectId, staff.subject(), "disclosure.recorded", disclosure.id(), details));
		return new RecordDisclosurePayload(mapper.toView(disclosure), List.of());
	}

	/** Newest disclosure first; without {@code includeConfidential} only what the subject may see now. */
	Window<DisclosureView> ofSubject(String subjectId, boolean includeConfidential, Page page) {
		Query query = Query.query(criteria(subjectId, includeConfidential))
			.with(Sort.by(Sort.Direction.DESC, "disclosedAt"))
			.with(page.position())
			.limit(page.size());
		return mongo.scroll(query, Disclosure.class).map(mapper::toView);
	}

	long countOfSubject(String subjectId, boolean includeConfidential) {
		return mongo.count(Query.query(criteria(subjectId, includeConfidential)), Disclosure.class);
	}

	private Criteria criteria(String subjectId, boolean includeConfidential) {
		Criteria criteria = Criteria.where("subjectId").is(subjectId);
		return includeConfidential ? criteria : criteria.andOperator(visibleToSubject(clock.instant()));
	}

	/** No confidentiality, or one that has ended. */
	static Criteria visibleToSubject(Instant now) {
		return new Criteria().orOperator(Criteria.where("confidentialUntil").is(null),
				Criteria.where("confidentialUntil").lte(now));
	}

	private static List<String> categories(@Nullable List<String> given, List<UserError> errors) {
		List<String> categories = new ArrayList<>();
		if (given == null || given.isEmpty() || given.size() > MAX_CATEGORIES) {
			errors.add(UserError.invalid(new Message("error.disclosure.categories", MAX_CATEGORIES), "input",
					"dataCategories"));
			return categories;
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < given.size(); i++) {
			String category = given.get(i) == null ? "" : given.get(i).strip();
			if (category.isEmpty() || category.length() > MAX_CATEGORY_LENGTH) {
				errors.add(UserError.invalid(new Message("error.disclosure.category-length", MAX_CATEGORY_LENGTH),
						"input", "dataCategories", Integer.toString(i)));
			}
			else if (!seen.add(category.toLowerCase(Locale.ROOT))) {
				errors.add(UserError.invalid(new Message("error.disclosure.category-twice", category), "input",
						"dataCategories", Integer.toString(i)));
			}
			categories.add(category);
		}
		return categories;
	}

}
