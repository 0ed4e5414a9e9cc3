package org.privacyportal.system;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.personaldata.PersonalDataSection;
import org.privacyportal.subject.SubjectService;
import org.privacyportal.subject.SubjectViews.SubjectIdentity;
import org.privacyportal.system.SystemViews.SystemTaskView;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * What requests ask of the data systems, and where the systems stand. A request is announced to the
 * systems enabled at the first announcement only: a worker that looks at it again announces nothing
 * new, so a system registered meanwhile is not asked about a person whose data may be gone already.
 */
@Service
public class SystemTasks {

	private final MongoTemplate mongo;

	private final SubjectService subjects;

	private final SystemDelivery delivery;

	private final AuditService audit;

	private final Clock clock;

	SystemTasks(MongoTemplate mongo, SubjectService subjects, SystemDelivery delivery, AuditService audit,
			Clock clock) {
		this.mongo = mongo;
		this.subjects = subjects;
		this.delivery = delivery;
		this.audit = audit;
		this.clock = clock;
	}

	/** An export asks every ACCESS system for what it holds. */
	public void accessRequested(String subjectId, String exportId) {
		announce(SystemTaskKind.ACCESS, subjectId, exportId, exportId, null, null, null, null);
	}

	/**
	 * Null once every ACCESS system of the export answered or ran out of time (those are then
	 * {@code TIMED_OUT}); otherwise when the first of the others runs out.
	 */
	public @Nullable Instant accessAwaitedUntil(String exportId) {
		Instant now = clock.instant();
		Criteria open = Criteria.where("requestId").is(exportId).and("status").in(SystemTaskStatus.OPEN);
		mongo.updateMulti(Query.query(new Criteria().andOperator(open, Criteria.where("dueAt").lte(now))),
				Update.update("status", SystemTaskStatus.TIMED_OUT).unset("nextAttemptAt"), SystemTask.class);
		return mongo.find(Query.query(open), SystemTask.class)
			.stream()
			.map(SystemTask::dueAt)
			.min(Comparator.naturalOrder())
			.orElse(null);
	}

	/** One section per ACCESS system of the export, named after it, with its answer or the lack of one. */
	public List<PersonalDataSection> accessAnswers(String exportId) {
		Query query = Query.query(Criteria.where("requestId").is(exportId).and("kind").is(SystemTaskKind.ACCESS))
			.with(Sort.by("systemName"));
		return mongo.find(query, SystemTask.class).stream().<PersonalDataSection>map(SystemAnswerSection::new).toList();
	}

	/** Nothing of a system's answer outlives the export it was given for. */
	public void forgetAnswers(String exportId) {
		mongo.updateMulti(Query.query(Criteria.where("requestId").is(exportId).and("result").ne(null)),
				new Update().unset("result"), SystemTask.class);
	}

	/** The portal's erasure has begun: every ERASURE system is asked to erase too. */
	public void erasureRequested(String subjectId, String deletionId) {
		announce(SystemTaskKind.ERASURE, subjectId, deletionId, deletionId, null, null, null, null);
	}

	/** Every ERASURE system of the request confirmed, or staff completed its task by hand. */
	public boolean erasureSettled(String deletionId) {
		return !mongo.exists(Query.query(Criteria.where("requestId")
			.is(deletionId)
			.and("status")
			.nin(SystemTaskStatus.COMPLETED, SystemTaskStatus.COMPLETED_BY_STAFF)), SystemTask.class);
	}

	/** A consent change, numbered per subject so systems can apply changes in order. */
	public void consentChanged(String subjectId, long sequence, String purpose, boolean granted, String source) {
		announce(SystemTaskKind.CONSENT_CHANGE, subjectId, null, "consent:" + subjectId + ":" + sequence, purpose,
				granted, source, sequence);
	}

	/** The tasks of one export or deletion request, by system name. */
	public List<SystemTaskView> ofRequest(String requestId) {
		Query query = Query.query(Criteria.where("requestId").is(requestId)).with(Sort.by("systemName"));
		return mongo.find(query, SystemTask.class).stream().map(this::toView).toList();
	}

	SystemTaskView toView(SystemTask task) {
		boolean overdue = !task.status().isDone() && task.status() != SystemTaskStatus.TIMED_OUT
				&& !task.dueAt().isAfter(clock.instant());
		return new SystemTaskView(task.id(), task.systemId(), task.kind(), task.status(), task.createdAt(),
				task.dueAt(), task.completedAt(), task.note(), overdue);
	}

	private void announce(SystemTaskKind kind, String subjectId, @Nullable String requestId, String cause,
			@Nullable String purpose, @Nullable Boolean granted, @Nullable String source, @Nullable Long sequence) {
		List<DataSystem> systems = mongo.find(
				Query.query(Criteria.where("enabled").is(true).and("handles").is(kind)).with(Sort.by("_id")),
				DataSystem.class);
		if (systems.isEmpty()
				|| requestId != null && mongo.exists(Query.query(Criteria.where("requestId").is(requestId)), SystemTask.class)) {
			return;
		}
		SubjectIdentity identity = subjects.identity(subjectId).orElse(null);
		if (identity == null) {
			return;
		}
		Instant now = clock.instant();
		boolean made = false;
		for (DataSystem system : systems) {
			String id = UUID.nameUUIDFromBytes((cause + "/" + system.id()).getBytes(StandardCharsets.UTF_8)).toString();
			SystemTask task = new SystemTask(id, system.id(), system.name(), kind, SystemTaskStatus.PENDING, subjectId,
					requestId, identity.email(), identity.issuer(), identity.externalId(), purpose, granted, source,
					sequence, now, now.plus(Duration.ofHours(system.answerWithinHours())), now, null, null, null, null,
					null, null, null, 0, null, null);
			try {
				mongo.insert(task);
				made = true;
				audit.record(AuditEntry.bySystem(subjectId, "system-task.created", id,
						Map.of("system", system.name(), "kind", kind.name())));
			}
			catch (DuplicateKeyException ex) {
				// announced at the same moment by another instance
			}
		}
		if (made) {
			delivery.wake();
		}
	}

}
