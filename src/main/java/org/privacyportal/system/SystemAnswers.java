package org.privacyportal.system;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.privacyportal.api.Message;
import org.privacyportal.api.NotFoundException;
import org.privacyportal.api.UserError;
import org.privacyportal.api.UserErrorCode;
import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Closes a task with a system's result or a staff member's note, once: the write is conditional on
 * the task still being open, so a second result changes nothing. The subject's address leaves the
 * task with it.
 */
@Component
class SystemAnswers {

	static final int MAX_NOTE_LENGTH = 2000;

	private final MongoTemplate mongo;

	private final AuditService audit;

	private final Clock clock;

	SystemAnswers(MongoTemplate mongo, AuditService audit, Clock clock) {
		this.mongo = mongo;
		this.audit = audit;
		this.clock = clock;
	}

	/** False when the task was closed before. {@code answerId} is the callback's webhook-id, if any. */
	boolean answer(String taskId, @Nullable String answerId, JsonNode result) {
		Instant now = clock.instant();
		Update update = Update.update("status", SystemTaskStatus.COMPLETED)
			.set("completedAt", now)
			.set("completedBy", "system")
			.set("answerId", answerId)
			.unset("email")
			.unset("nextAttemptAt");
		SystemTask task = mongo.findById(taskId, SystemTask.class);
		if (task != null && task.kind() == SystemTaskKind.ACCESS) {
			update.set("result", result.toString());
		}
		SystemTask closed = close(taskId, update);
		if (closed == null) {
			return false;
		}
		Map<String, String> details = new LinkedHashMap<>();
		details.put("system", closed.systemName());
		details.put("kind", closed.kind().name());
		details.put("via", answerId == null ? "response" : "callback");
		audit.record(AuditEntry.bySystem(closed.subjectId(), "system-task.answered", taskId, details));
		return true;
	}

	List<UserError> completeByStaff(String staff, String taskId, @Nullable String note) {
		String text = note == null ? "" : note.strip();
		if (text.isEmpty() || text.length() > MAX_NOTE_LENGTH) {
			return List.of(UserError.invalid(new Message("error.give.note", MAX_NOTE_LENGTH), "input", "note"));
		}
		SystemTask task = mongo.findById(taskId, SystemTask.class);
		if (task == null) {
			throw new NotFoundException("system-task");
		}
		SystemTask closed = close(taskId, Update.update("status", SystemTaskStatus.COMPLETED_BY_STAFF)
			.set("completedAt", clock.instant())
			.set("completedBy", staff)
			.set("note", text)
			.unset("email")
			.unset("nextAttemptAt"));
		if (closed == null) {
			return List.of(UserError.of(UserErrorCode.CONFLICT, new Message("error.system.task-closed",
					new Message("enum.SystemTaskStatus." + task.status().name())),
					"input", "taskId"));
		}
		audit.record(AuditEntry.byStaff(closed.subjectId(), staff, "system-task.completed-by-staff", taskId,
				Map.of("system", closed.systemName(), "kind", closed.kind().name(), "note", text)));
		return List.of();
	}

	private @Nullable SystemTask close(String taskId, Update update) {
		Query open = Query.query(Criteria.where("_id").is(taskId).and("status").in(SystemTaskStatus.OPEN));
		return mongo.findAndModify(open, update, FindAndModifyOptions.options().returnNew(true), SystemTask.class);
	}

}
