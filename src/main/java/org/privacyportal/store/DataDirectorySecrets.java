package org.privacyportal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets the portal generates on first start and keeps in its data directory (the development
 * issuer's key, the download link key), so they survive a restart. The file is created readable by
 * its owner only before the secret is written into it.
 */
public final class DataDirectorySecrets {

	private static final Logger log = LoggerFactory.getLogger(DataDirectorySecrets.class);

	private DataDirectorySecrets() {
	}

	/** The secret kept in {@code file}, or a new one from {@code generate}, stored there first. */
	public static String readOrCreate(Path file, String what, Supplier<String> generate) {
		try {
			if (Files.exists(file)) {
				return Files.readString(file);
			}
			String secret = generate.get();
			DataDirectory.create(file.toAbsolutePath().getParent());
			try {
				createOwnerOnly(file);
			}
			catch (FileAlreadyExistsException ex) {
				// another instance sharing the data directory created it first
				return Files.readString(file);
			}
			Files.writeString(file, secret);
			log.info("Generated {} in {}", what, file.toAbsolutePath().normalize());
			return secret;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write " + what + " in " + file, ex);
		}
	}

	private static void createOwnerOnly(Path file) throws IOException {
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(DataDirectory.OWNER_FILE));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: the directory's own protection applies
			Files.createFile(file);
		}
	}

}
