package org.privacyportal.system;

import java.time.Clock;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a system that accepted a task (202) posts its result, signed like the webhook with its
 * secret. Unknown tasks and bad signatures get the same 401, so the endpoint tells an outsider
 * nothing; a result for a task that is closed already is a 409 and changes nothing, which is also
 * what a replayed message gets.
 */
@RestController
class SystemCallbackController {

	static final String PATH = "/systems/tasks/{taskId}/result";

	private static final Logger log = LoggerFactory.getLogger(SystemCallbackController.class);

	private final MongoTemplate mongo;

	private final SystemRegistry registry;

	private final SystemAnswers answers;

	private final Clock clock;

	SystemCallbackController(MongoTemplate mongo, SystemRegistry registry, SystemAnswers answers, Clock clock) {
		this.mongo = mongo;
		this.registry = registry;
		this.answers = answers;
		this.clock = clock;
	}

	@PostMapping(PATH)
	ResponseEntity<Map<String, String>> result(@PathVariable String taskId,
			@RequestHeader(name = WebhookSignature.ID, required = false) @Nullable String id,
			@RequestHeader(name = WebhookSignature.TIMESTAMP, required = false) @Nullable String timestamp,
			@RequestHeader(name = WebhookSignature.SIGNATURE, required = false) @Nullable String signature,
			@RequestBody(required = false) @Nullable String body) {
		String text = body == null ? "" : body;
		SystemTask task = mongo.findById(taskId, SystemTask.class);
		DataSystem system = task == null ? null : mongo.findById(task.systemId(), DataSystem.class);
		String refusal = system == null ? "unknown task"
				: WebhookSignature.refusal(registry.secretOf(system), id, timestamp, signature, text, clock.instant());
		if (refusal != null) {
			log.info("Data systems: refused a result for task {}: {}", taskId, refusal);
			return error(HttpStatus.UNAUTHORIZED, "The signature is missing, wrong or stale");
		}
		JsonNode result;
		try {
			result = text.isBlank() ? JsonMapper.shared().createObjectNode() : JsonMapper.shared().readTree(text);
		}
		catch (JacksonException ex) {
			result = null;
		}
		if (result == null || !result.isObject()) {
			return error(HttpStatus.BAD_REQUEST, "The result must be a JSON object");
		}
		if (!answers.answer(taskId, id, result)) {
			return error(HttpStatus.CONFLICT, "The task already has a result or is closed");
		}
		return ResponseEntity.ok(Map.of("status", SystemTaskStatus.COMPLETED.name()));
	}

	private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
		return ResponseEntity.status(status).body(Map.of("error", message));
	}

}
