package org.privacyportal.personaldata;

import java.util.List;
import java.util.Set;

/**
 * A section whose rows a feature reads itself (several rows per document, or rows from a service
 * rather than a collection); what describes it is given once, to the constructor.
 */
public abstract class CustomSection implements PersonalDataSection {

	private final String key;

	private final String title;

	private final Set<String> collections;

	private final List<String> columns;

	protected CustomSection(String key, String title, Set<String> collections, String... columns) {
		this.key = key;
		this.title = title;
		this.collections = collections;
		this.columns = List.of(columns);
	}

	@Override
	public final String key() {
		return key;
	}

	@Override
	public final String title() {
		return title;
	}

	@Override
	public final List<String> columns() {
		return columns;
	}

	@Override
	public final Set<String> collections() {
		return collections;
	}

}
