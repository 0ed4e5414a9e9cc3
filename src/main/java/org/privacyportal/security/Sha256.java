package org.privacyportal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of text, as lower-case hex: what the audit chain, idempotency keys and persisted queries name things by. */
public final class Sha256 {

	private Sha256() {
	}

	public static String hex(String value) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java runtime has SHA-256
			throw new IllegalStateException(ex);
		}
	}

}
