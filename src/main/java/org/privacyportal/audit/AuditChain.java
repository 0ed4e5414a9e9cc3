package org.privacyportal.audit;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.Sha256;

/** The hash rules of the audit chain, kept apart from storage so verification uses the same ones. */
final class AuditChain {

	static final String GENESIS = "0".repeat(64);

	private AuditChain() {
	}

	static String hash(String previousHash, String subjectId, long seq, Instant at, String actor, ActorType actorType,
			String action, @Nullable String targetId, String detailsDigest) {
		return Sha256.hex(String.join("\n", previousHash, subjectId, Long.toString(seq), at.toString(), actor,
				actorType.name(), action, targetId == null ? "" : targetId, detailsDigest));
	}

	/** Key order is fixed so the digest does not depend on how the store returns the map. */
	static String digest(@Nullable Map<String, String> details) {
		return Sha256.hex(details == null ? "" : new TreeMap<>(details).toString());
	}

}
