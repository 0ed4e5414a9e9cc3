package org.privacyportal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data directory holds personal data (the store's file, exports) and secrets, so it is the
 * owner's alone: 0700 for the directory, 0600 for its files. On a file system without POSIX
 * permissions the directory's own protection applies.
 */
public final class DataDirectory {

	private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

	static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

	private DataDirectory() {
	}

	/** Creates the directory (and its parents) readable by its owner only, or narrows an existing one. */
	public static void create(Path directory) {
		try {
			Files.createDirectories(directory);
			if (posix(directory)) {
				Files.setPosixFilePermissions(directory, OWNER_DIRECTORY);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the data directory " + directory, ex);
		}
	}

	/** Narrows a file in the data directory to its owner. */
	static void ownerOnly(Path file) {
		try {
			if (posix(file)) {
				Files.setPosixFilePermissions(file, OWNER_FILE);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot restrict " + file + " to its owner", ex);
		}
	}

	private static boolean posix(Path path) throws IOException {
		return Files.getFileStore(path).supportsFileAttributeView("posix");
	}

}
