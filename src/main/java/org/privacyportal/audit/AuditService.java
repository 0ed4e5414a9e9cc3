package org.privacyportal.audit;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.Page;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The append-only audit trail. Appends race on the unique (subject, seq) index instead of a
 * transaction: the loser reads the new head and tries again, so the chain never forks.
 */
@Service
public class AuditService {

	private static final int MAX_ATTEMPTS = 100;

	private static final int KEY_BYTES = 32;

	private final SecureRandom random = new SecureRandom();

	private final MongoTemplate mongo;

	private final Clock clock;

	AuditService(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	public void record(AuditEntry entry) {
		append(entry, null);
	}

	/**
	 * Records the entry unless one with the same action and target was recorded before: for a step that
	 * a run cut short by a crash repeats. Two runs at once still record it once (a unique index).
	 */
	public void recordOnce(AuditEntry entry) {
		String once = entry.action() + "/" + Objects.requireNonNull(entry.targetId(), "targetId");
		if (!recorded(once)) {
			append(entry, once);
		}
	}

	private void append(AuditEntry entry, @Nullable String once) {
		byte[] key = AuditChain.isEmpty(entry.details()) ? null : keyOf(entry.subjectId());
		for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
			AuditEvent head = head(entry.subjectId());
			long seq = head == null ? 1 : head.seq() + 1;
			String previousHash = head == null ? AuditChain.GENESIS : head.hash();
			Instant at = clock.instant();
			String detailsDigest = AuditChain.digest(key, entry.details());
			String hash = AuditChain.hash(previousHash, entry.subjectId(), seq, at, entry.actor(), entry.actorType(),
					entry.action(), entry.targetId(), detailsDigest);
			try {
				mongo.insert(new AuditEvent(entry.subjectId() + ":" + seq, entry.subjectId(), seq, at, entry.actor(),
						entry.actorType(), entry.action(), entry.targetId(), entry.details(), detailsDigest, previousHash,
						hash, once));
				return;
			}
			catch (DuplicateKeyException ex) {
				if (once != null && recorded(once)) {
					return;
				}
				Thread.onSpinWait();
			}
		}
		throw new IllegalStateException("Could not append to the audit trail of " + entry.subjectId());
	}

	private boolean recorded(String once) {
		return mongo.exists(Query.query(Criteria.where("once").is(once)), AuditEvent.class);
	}

	/** Newest first. */
	public Window<AuditEventView> trail(String subjectId, Page page) {
		Query query = Query.query(Criteria.where("subjectId").is(subjectId))
			.with(Sort.by(Sort.Direction.DESC, "seq"))
			.with(page.position())
			.limit(page.size());
		return mongo.scroll(query, AuditEvent.class).map(AuditService::toView);
	}

	public long count(String subjectId) {
		return mongo.count(Query.query(Criteria.where("subjectId").is(subjectId)), AuditEvent.class);
	}

	/** Recomputes the chain from the first event; an edited, inserted or removed event breaks it. */
	public AuditVerification verify(String subjectId) {
		Query query = Query.query(Criteria.where("subjectId").is(subjectId)).with(Sort.by("seq"));
		String previousHash = AuditChain.GENESIS;
		long expectedSeq = 1;
		long checked = 0;
		AuditKey key = mongo.findById(subjectId, AuditKey.class);
		try (var events = mongo.stream(query, AuditEvent.class)) {
			for (AuditEvent event : (Iterable<AuditEvent>) events::iterator) {
				String detailsDigest = event.details() == null ? event.detailsDigest() : AuditChain.digest(key == null ? null : key.key(),
						event.details());
				String hash = AuditChain.hash(previousHash, event.subjectId(), event.seq(), event.at(), event.actor(),
						event.actorType(), event.action(), event.targetId(), detailsDigest);
				if (event.seq() != expectedSeq || !event.previousHash().equals(previousHash)
						|| !detailsDigest.equals(event.detailsDigest()) || !hash.equals(event.hash())) {
					return new AuditVerification(false, checked, expectedSeq);
				}
				previousHash = hash;
				expectedSeq++;
				checked++;
			}
		}
		return new AuditVerification(true, checked, null);
	}

	/** The subject's digest key, created on first use; two instances racing agree on the first one stored. */
	private byte[] keyOf(String subjectId) {
		AuditKey existing = mongo.findById(subjectId, AuditKey.class);
		if (existing != null) {
			return existing.key();
		}
		byte[] key = new byte[KEY_BYTES];
		random.nextBytes(key);
		try {
			return mongo.insert(new AuditKey(subjectId, key)).key();
		}
		catch (DuplicateKeyException ex) {
			return mongo.findById(subjectId, AuditKey.class).key();
		}
	}

	private AuditEvent head(String subjectId) {
		return mongo.findOne(
				Query.query(Criteria.where("subjectId").is(subjectId)).with(Sort.by(Sort.Direction.DESC, "seq")).limit(1),
				AuditEvent.class);
	}

	private static AuditEventView toView(AuditEvent event) {
		return new AuditEventView(event.id(), event.at(), event.actor(), event.actorType(), event.action(),
				event.targetId(), event.hash());
	}

}
