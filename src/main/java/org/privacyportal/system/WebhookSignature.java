package org.privacyportal.system;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Standard Webhooks signatures: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, keyed with the
 * base64 part of a {@code whsec_} secret. The header may list several signatures, separated by spaces.
 */
final class WebhookSignature {

	static final String ID = "webhook-id";

	static final String TIMESTAMP = "webhook-timestamp";

	static final String SIGNATURE = "webhook-signature";

	/** How far a message's timestamp may be from now. */
	static final Duration TOLERANCE = Duration.ofMinutes(5);

	private WebhookSignature() {
	}

	static String sign(String secret, String id, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
			byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(signature);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Why the message is refused, or null when it is signed with {@code secret} within the tolerance. */
	static @Nullable String refusal(String secret, @Nullable String id, @Nullable String timestamp,
			@Nullable String signatures, String body, Instant now) {
		if (id == null || id.isBlank() || timestamp == null || signatures == null) {
			return "webhook-id, webhook-timestamp and webhook-signature are required";
		}
		long seconds;
		try {
			seconds = Long.parseLong(timestamp.strip());
		}
		catch (NumberFormatException ex) {
			return "webhook-timestamp is not a number of seconds";
		}
		if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
			return "webhook-timestamp is more than 5 minutes away";
		}
		byte[] expected = sign(secret, id, seconds, body).getBytes(StandardCharsets.UTF_8);
		for (String signature : signatures.strip().split(" +")) {
			if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
				return null;
			}
		}
		return "no signature matches";
	}

	private static byte[] key(String secret) {
		return Base64.getDecoder().decode(secret.startsWith(SecretSeal.PREFIX)
				? secret.substring(SecretSeal.PREFIX.length()) : secret);
	}

}
