package org.privacyportal.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.privacyportal.api.Message;
import org.privacyportal.audit.AuditEntry;
import org.privacyportal.audit.AuditService;
import org.privacyportal.store.Leases;
import org.privacyportal.store.Leases.Lease;

import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Delivers tasks as signed webhooks, on every instance; each task is claimed through a
 * {@link Leases lease} like mail, so it is never sent twice at once and one whose instance died is
 * sent again once the lease runs out. A 200 answers the task there and then, a 202 leaves it
 * {@code DELIVERED} until the system calls back; anything else is retried with backoff until
 * {@code max-attempts}, then the task is {@code FAILED} (staff may still complete it). Redirects are
 * not followed and the address is checked again before every attempt.
 */
@Component
class SystemDelivery {

	private static final Logger log = LoggerFactory.getLogger(SystemDelivery.class);

	private static final int MAX_ERROR_LENGTH = 300;

	private final MongoTemplate mongo;

	private final Leases<SystemTask> leases;

	private final Endpoints endpoints;

	private final SecretSeal seal;

	private final SystemAnswers answers;

	private final AuditService audit;

	private final SystemsProperties properties;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private final Environment environment;

	private final MessageSource messages;

	// built on the first delivery: a client loads the JDK's TLS context, a noticeable part of start-up
	private final SingletonSupplier<HttpClient> http;

	private final ReentrantLock draining = new ReentrantLock();

	SystemDelivery(MongoTemplate mongo, Endpoints endpoints, SecretSeal seal, SystemAnswers answers, AuditService audit,
			SystemsProperties properties, TaskScheduler scheduler, Clock clock, Environment environment,
			MessageSource messages) {
		this.mongo = mongo;
		this.leases = new Leases<>(mongo, SystemTask.class, properties.lease(), clock);
		this.endpoints = endpoints;
		this.seal = seal;
		this.answers = answers;
		this.audit = audit;
		this.properties = properties;
		this.scheduler = scheduler;
		this.clock = clock;
		this.environment = environment;
		this.messages = messages;
		this.http = SingletonSupplier.of(() -> HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(properties.timeout())
			.build());
	}

	/** Delivers now rather than at the next poll, e.g. right after tasks were made on this instance. */
	void wake() {
		try {
			scheduler.schedule(this::deliverDue, Instant.now());
		}
		catch (RejectedExecutionException ex) {
			// shutting down: the next poll of any instance delivers it
		}
	}

	@Scheduled(fixedDelayString = "${portal.systems.poll-interval:PT10S}",
			initialDelayString = "${portal.systems.poll-interval:PT10S}")
	void sweep() {
		deliverDue();
	}

	/** Delivers every task that is due, one run at a time on this instance. */
	void deliverDue() {
		draining.lock();
		try {
			Criteria due = Criteria.where("status").is(SystemTaskStatus.PENDING).and("nextAttemptAt").lte(clock.instant());
			leases.claimEach(due, Sort.by("nextAttemptAt"), lease -> {
				try {
					deliver(lease);
				}
				catch (RuntimeException ex) {
					// the lease runs out and the task is tried again
					log.error("Data systems: task {} could not be delivered this time", lease.id(), ex);
				}
			});
		}
		finally {
			draining.unlock();
		}
	}

	private void deliver(Lease<SystemTask> lease) {
		SystemTask task = lease.work();
		DataSystem system = mongo.findById(task.systemId(), DataSystem.class);
		if (system == null || !system.enabled()) {
			// waits for the system to be enabled again, or for staff
			leases.release(lease, Update.update("nextAttemptAt", clock.instant().plus(properties.maxRetryAfter()))
				.inc("attempts", -1));
			return;
		}
		Message refusal = endpoints.refusal(system.endpoint());
		// kept for staff in the default language, like every other delivery failure
		Outcome outcome = refusal != null ? Outcome.failure("Endpoint refused: " + refusal.in(messages, Locale.ROOT))
				: post(system, task);
		Instant now = clock.instant();
		mongo.updateFirst(Query.query(Criteria.where("_id").is(system.id())),
				Update.update("lastDeliveryAt", now).set("lastFailure", outcome.failure()), DataSystem.class);
		if (outcome.failure() == null) {
			audit.record(AuditEntry.bySystem(task.subjectId(), "system-task.delivered", task.id(),
					Map.of("system", system.name(), "kind", task.kind().name(), "status", Integer.toString(outcome.status()))));
			leases.release(lease, Update.update("deliveredAt", now).unset("lastFailure"));
			moveOn(task, SystemTaskStatus.DELIVERED);
			if (outcome.answer() != null) {
				answers.answer(task.id(), null, outcome.answer());
			}
			return;
		}
		int attempts = task.attempts();
		if (attempts >= properties.maxAttempts()) {
			log.warn("Data systems: task {} for system {} failed {} times, giving up: {}", task.id(), system.id(), attempts,
					outcome.failure());
			if (leases.release(lease, Update.update("lastFailure", outcome.failure()))
					&& moveOn(task, SystemTaskStatus.FAILED)) {
				audit.record(AuditEntry.bySystem(task.subjectId(), "system-task.failed", task.id(),
						Map.of("system", system.name(), "kind", task.kind().name(), "attempts", Integer.toString(attempts))));
			}
			return;
		}
		Instant next = now.plus(properties.retryAfter(attempts));
		log.info("Data systems: task {} attempt {} failed, next at {}: {}", task.id(), attempts, next, outcome.failure());
		leases.release(lease, Update.update("nextAttemptAt", next).set("lastFailure", outcome.failure()));
	}

	/**
	 * A second write after the lease is given up, so that an answer or a staff member who closed the
	 * task meanwhile is not overwritten; until it is made the task is still due and is sent again.
	 */
	private boolean moveOn(SystemTask task, SystemTaskStatus status) {
		Query pending = Query.query(Criteria.where("_id").is(task.id()).and("status").is(SystemTaskStatus.PENDING));
		return mongo.updateFirst(pending, Update.update("status", status).unset("nextAttemptAt"), SystemTask.class)
			.getModifiedCount() == 1;
	}

	private Outcome post(DataSystem system, SystemTask task) {
		String id = "msg_" + UUID.randomUUID();
		long timestamp = clock.instant().getEpochSecond();
		String body = JsonMapper.shared().writeValueAsString(body(task));
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(system.endpoint()))
				.timeout(properties.timeout())
				.header("Content-Type", "application/json")
				.header(WebhookSignature.ID, id)
				.header(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
				.header(WebhookSignature.SIGNATURE, WebhookSignature.sign(seal.open(system.sealedSecret()), id, timestamp, body))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			HttpResponse<String> response = http.obtain().send(request, HttpResponse.BodyHandlers.ofString());
			int status = response.statusCode();
			if (status == 202) {
				return new Outcome(status, null, null);
			}
			if (status != 200) {
				return Outcome.failure("HTTP " + status);
			}
			JsonNode answer = response.body().isBlank() ? JsonMapper.shared().createObjectNode()
					: JsonMapper.shared().readTree(response.body());
			if (!answer.isObject()) {
				return Outcome.failure("The answer is not a JSON object");
			}
			return new Outcome(status, answer, null);
		}
		catch (IOException | JacksonException | IllegalArgumentException ex) {
			return Outcome.failure(abbreviate(ex.getClass().getSimpleName() + ": " + ex.getMessage()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Outcome.failure("Interrupted");
		}
	}

	private Map<String, Object> body(SystemTask task) {
		Map<String, Object> subject = new LinkedHashMap<>();
		subject.put("id", task.subjectId());
		subject.put("email", task.email());
		subject.put("issuer", task.issuer());
		subject.put("externalId", task.externalId());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", task.kind().eventType());
		body.put("taskId", task.id());
		body.put("subject", subject);
		body.put("answerBy", task.dueAt().toString());
		body.put("callbackUrl", callbackBase() + SystemCallbackController.PATH.replace("{taskId}", task.id()));
		if (task.requestId() != null) {
			body.put("requestId", task.requestId());
		}
		if (task.kind() == SystemTaskKind.CONSENT_CHANGE) {
			body.put("purpose", task.purpose());
			body.put("granted", task.granted());
			body.put("source", task.source());
			body.put("sequence", task.sequence());
		}
		return body;
	}

	/** The configured origin, else this instance's, whose port is known only once the server runs. */
	private String callbackBase() {
		String configured = properties.callbackBaseUrl();
		if (StringUtils.hasText(configured)) {
			return configured.replaceAll("/+$", "");
		}
		return "http://localhost:"
				+ environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
	}

	private static String abbreviate(String message) {
		return message.length() <= MAX_ERROR_LENGTH ? message : message.substring(0, MAX_ERROR_LENGTH);
	}

	/** A delivery's HTTP status and answer, or why it failed. */
	private record Outcome(int status, @Nullable JsonNode answer, @Nullable String failure) {

		static Outcome failure(String why) {
			return new Outcome(0, null, why);
		}

	}

}
