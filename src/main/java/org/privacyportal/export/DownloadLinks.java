package org.privacyportal.export;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.privacyportal.store.DataDirectorySecrets;
import org.privacyportal.store.StoreProperties;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Presigned download links: {@code /exports/{id}/download?expires=<epoch seconds>&token=<HMAC>}, the
 * HMAC-SHA256 covering the export id, its subject and the expiry. The link is the whole
 * credential, so a browser can follow it without the bearer token.
 */
@Component
class DownloadLinks {

	/** The contract's link lifetime. */
	static final Duration LIFETIME = Duration.ofMinutes(15);

	static final String SECRET_FILE = "export-link-secret";

	private static final int MIN_SECRET_LENGTH = 32;

	private static final Base64.Encoder TOKEN = Base64.getUrlEncoder().withoutPadding();

	private final SecretKeySpec key;

	private final Clock clock;

	DownloadLinks(ExportProperties properties, StoreProperties store, Clock clock) {
		this.key = new SecretKeySpec(secret(properties.linkSecret(), store.dataDir()), "HmacSHA256");
		this.clock = clock;
	}

	String issue(String exportId, String subjectId) {
		long expires = clock.instant().plus(LIFETIME).getEpochSecond();
		return "/exports/" + exportId + "/download?expires=" + expires + "&token=" + sign(exportId, subjectId, expires);
	}

	/** Whether the token was issued for this export of this subject with this expiry. */
	boolean isAuthentic(String exportId, String subjectId, long expires, @Nullable String token) {
		if (token == null) {
			return false;
		}
		byte[] expected = sign(exportId, subjectId, expires).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.US_ASCII));
	}

	boolean isExpired(long expires) {
		return Instant.ofEpochSecond(expires).isBefore(clock.instant());
	}

	private String sign(String exportId, String subjectId, long expires) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			byte[] digest = mac.doFinal((exportId + "|" + subjectId + "|" + expires).getBytes(StandardCharsets.UTF_8));
			return TOKEN.encodeToString(digest);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is unavailable", ex);
		}
	}

	/** The configured secret, else one generated on first start and kept in the data directory. */
	private static byte[] secret(@Nullable String configured, Path dataDir) {
		if (StringUtils.hasText(configured)) {
			if (configured.length() < MIN_SECRET_LENGTH) {
				throw new IllegalStateException(
						"portal.export.link-secret must be at least " + MIN_SECRET_LENGTH + " characters");
			}
			return configured.getBytes(StandardCharsets.UTF_8);
		}
		String stored = DataDirectorySecrets.readOrCreate(dataDir.resolve(SECRET_FILE), "the download link secret", () -> {
			byte[] generated = new byte[32];
			new SecureRandom().nextBytes(generated);
			return Base64.getEncoder().encodeToString(generated);
		});
		return Base64.getDecoder().decode(stored.strip());
	}

}
