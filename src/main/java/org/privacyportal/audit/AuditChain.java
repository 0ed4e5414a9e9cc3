package org.privacyportal.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.privacyportal.security.Sha256;

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

	/** Details with nothing in them: nothing to confirm, so no key is needed. */
	static boolean isEmpty(@Nullable Map<String, String> details) {
		return details == null || details.isEmpty();
	}

	/**
	 * HMAC-SHA256 under the subject's key, so that once the key is destroyed a guess at the details
	 * cannot be confirmed; key order is fixed so the digest does not depend on how the store returns
	 * the map. Empty details have a plain digest.
	 */
	static String digest(byte @Nullable [] key, @Nullable Map<String, String> details) {
		String canonical = details == null ? "" : new TreeMap<>(details).toString();
		if (isEmpty(details)) {
			return Sha256.hex(canonical);
		}
		if (key == null) {
			return "";
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			// every Java runtime has HmacSHA256, and any key length fits it
			throw new IllegalStateException(ex);
		}
	}

}
