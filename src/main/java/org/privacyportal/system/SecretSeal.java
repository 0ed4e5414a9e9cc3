package org.privacyportal.system;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.privacyportal.store.DataDirectorySecrets;
import org.privacyportal.store.StoreProperties;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Makes signing secrets and keeps them sealed (AES-GCM) in the store, so a copy of the database
 * alone signs nothing. The key is {@code portal.systems.secret-key} or one kept in the data directory.
 */
@Component
class SecretSeal {

	static final String PREFIX = "whsec_";

	private static final String SECRET_FILE = "system-secret-key";

	private static final int NONCE = 12;

	private final SecureRandom random = new SecureRandom();

	private final SecretKeySpec key;

	SecretSeal(SystemsProperties properties, StoreProperties store) {
		String configured = properties.secretKey();
		String material = StringUtils.hasText(configured) ? configured
				: DataDirectorySecrets.readOrCreate(store.dataDir().resolve(SECRET_FILE), "the data system secret key",
						() -> Base64.getEncoder().encodeToString(randomBytes(32)));
		try {
			this.key = new SecretKeySpec(MessageDigest.getInstance("SHA-256")
				.digest(material.strip().getBytes(StandardCharsets.UTF_8)), "AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A new signing secret in the Standard Webhooks form: {@code whsec_} and 32 random bytes in base64. */
	String newSecret() {
		return PREFIX + Base64.getEncoder().encodeToString(randomBytes(32));
	}

	String seal(String secret) {
		try {
			byte[] nonce = randomBytes(NONCE);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
			byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot seal a signing secret", ex);
		}
	}

	String open(String sealed) {
		try {
			byte[] bytes = Base64.getDecoder().decode(sealed);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, NONCE));
			return new String(cipher.doFinal(bytes, NONCE, bytes.length - NONCE), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("A signing secret cannot be opened: was portal.systems.secret-key changed?",
					ex);
		}
	}

	private byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

}
