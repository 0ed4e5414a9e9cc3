package org.privacyportal.api;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import graphql.ExecutionResult;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.privacyportal.security.Caller;
import org.privacyportal.security.Sha256;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Applies a mutation sent with an {@code Idempotency-Key} header once: the key is claimed with an
 * insert on a unique id before the mutation runs, and the answer is kept (24 hours by default) so a
 * retry gets the first answer. A key reused for a different request (document, operation name or
 * variables), or while the first is still running, is refused; a claim whose request never
 * answered (its instance stopped) may be taken over after a few minutes.
 */
@Component
class IdempotencyInterceptor implements WebGraphQlInterceptor, Ordered {

	static final String HEADER = "Idempotency-Key";

	private static final int MAX_KEY_LENGTH = 255;

	private final MongoTemplate mongo;

	private final Clock clock;

	private final IdempotencyProperties properties;

	private final MessageSource messages;

	private final DocumentCache documents;

	private final JsonMapper json = JsonMapper.shared();

	IdempotencyInterceptor(MongoTemplate mongo, Clock clock, IdempotencyProperties properties, MessageSource messages,
			DocumentCache documents) {
		this.mongo = mongo;
		this.clock = clock;
		this.properties = properties;
		this.messages = messages;
		this.documents = documents;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		String key = request.getHeaders().getFirst(HEADER);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (key == null || !(authentication instanceof JwtAuthenticationToken token) || !documents.isMutation(request)) {
			return chain.next(request);
		}
		if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
			return refuse(request, new Message("error.idempotency.key-length", MAX_KEY_LENGTH));
		}
		Caller caller = Caller.of(token);
		String callerDigest = IdempotencyRecords.caller(caller.issuer(), caller.subject());
		String id = Sha256.hex(callerDigest + "\n" + key);
		// the document by its hash, so a retry that sends only the persisted query's hash is the same request
		String requestDigest = Sha256.hex(Objects.toString(request.getOperationName(), "") + "\n"
				+ documents.documentHash(request).orElseThrow() + "\n" + json.writeValueAsString(request.getVariables()));
		String claim = UUID.randomUUID().toString();
		IdempotencyRecord existing = claim(id, callerDigest, requestDigest, claim);
		if (existing != null) {
			if (!existing.requestDigest().equals(requestDigest)) {
				return refuse(request, new Message("error.idempotency.other-request"));
			}
			if (!existing.completed()) {
				return refuse(request, new Message("error.idempotency.in-progress"));
			}
			return Mono.just(replay(request, existing.response()));
		}
		Query held = Query.query(Criteria.where("caller").is(callerDigest).and("expiresAt").gte(clock.instant()));
		if (mongo.count(held, IdempotencyRecord.class) > properties.maxKeysPerCaller()) {
			release(id, claim);
			return refuse(request, new Message("error.idempotency.too-many-keys"));
		}
		return chain.next(request).doOnError(ex -> release(id, claim)).map(response -> {
			if (response.getErrors().stream().anyMatch(e -> e.getErrorType() == ErrorType.INTERNAL_ERROR)) {
				release(id, claim);
			}
			else {
				mongo.updateFirst(held(id, claim), Update.update("response", response.toMap()), IdempotencyRecord.class);
			}
			return response;
		});
	}

	/**
	 * Claims the key; answers the earlier record when the key is taken, unless it has expired or its
	 * request never answered within the claim timeout, in which case it is taken over.
	 */
	private IdempotencyRecord claim(String id, String caller, String requestDigest, String claim) {
		Instant now = clock.instant();
		try {
			mongo.insert(new IdempotencyRecord(id, caller, requestDigest, claim, now, null,
					now.plus(properties.retention())));
			return null;
		}
		catch (DuplicateKeyException ex) {
			IdempotencyRecord existing = mongo.findById(id, IdempotencyRecord.class);
			if (existing == null) {
				return claim(id, caller, requestDigest, claim);
			}
			boolean abandoned = !existing.completed()
					&& existing.claimedAt().plus(properties.claimTimeout()).isBefore(now);
			if (abandoned || existing.expiresAt().isBefore(now)) {
				release(id, existing.claim());
				return claim(id, caller, requestDigest, claim);
			}
			return existing;
		}
	}

	private void release(String id, String claim) {
		mongo.remove(held(id, claim), IdempotencyRecord.class);
	}

	private static Query held(String id, String claim) {
		return Query.query(Criteria.where("_id").is(id).and("claim").is(claim));
	}

	/** Expired keys; real MongoDB also drops them by the TTL index, the embedded store needs this. */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
	@SchedulerLock(name = "idempotency-key-expiry")
	void removeExpired() {
		mongo.remove(Query.query(Criteria.where("expiresAt").lt(clock.instant())), IdempotencyRecord.class);
	}

	private static WebGraphQlResponse replay(WebGraphQlRequest request, Map<String, Object> response) {
		ExecutionResult result = ExecutionResult.fromSpecification(response);
		return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
	}

	private Mono<WebGraphQlResponse> refuse(WebGraphQlRequest request, Message message) {
		return Mono.just(RefusedRequests.answer(request, ErrorType.BAD_REQUEST, message, messages));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

}
