package org.privacyportal.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.privacyportal.security.Sha256;

import org.springframework.core.io.Resource;

/**
 * The operations of an {@code apollo-persisted-query-manifest}, version 1, as Apollo's
 * {@code generate-persisted-query-manifest} writes it. Clients send an operation's {@code id} as
 * {@code extensions.persistedQuery.sha256Hash}; a document sent in full is known by its SHA-256.
 */
final class PersistedQueryManifest {

	static final PersistedQueryManifest EMPTY = new PersistedQueryManifest(Map.of());

	private static final String FORMAT = "apollo-persisted-query-manifest";

	private final Map<String, String> bodies;

	private PersistedQueryManifest(Map<String, String> bodies) {
		this.bodies = bodies;
	}

	static PersistedQueryManifest load(Resource resource) {
		String location = resource.getDescription();
		File file;
		try (InputStream in = resource.getInputStream()) {
			file = JsonMapper.shared().readValue(in, File.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the persisted-query manifest " + location, ex);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("The persisted-query manifest " + location + " is not valid JSON", ex);
		}
		if (!FORMAT.equals(file.format()) || file.version() != 1 || file.operations() == null) {
			throw new IllegalStateException("The persisted-query manifest " + location + " is not an " + FORMAT
					+ " of version 1 with operations");
		}
		Map<String, String> bodies = new HashMap<>();
		for (Operation operation : file.operations()) {
			if (operation.id() == null || operation.body() == null) {
				throw new IllegalStateException("An operation of " + location + " lacks its id or body");
			}
			bodies.put(operation.id(), operation.body());
			bodies.put(Sha256.hex(operation.body()), operation.body());
		}
		return new PersistedQueryManifest(Map.copyOf(bodies));
	}

	Optional<String> body(String hash) {
		return Optional.ofNullable(bodies.get(hash));
	}

	boolean contains(String hash) {
		return bodies.containsKey(hash);
	}

	private record File(String format, int version, List<Operation> operations) {
	}

	private record Operation(String id, String name, String type, String body) {
	}

}
