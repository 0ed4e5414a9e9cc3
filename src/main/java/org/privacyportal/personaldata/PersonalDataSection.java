package org.privacyportal.personaldata;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One feature's part of a data export. The export feature iterates over every bean of this type
 * and never names the features; each streams its rows so a long history never sits in memory.
 */
public interface PersonalDataSection {

	/** Stable machine name, used as the JSON key and the CSV file name, e.g. {@code consentHistory}. */
	String key();

	/** Heading for the person reading the HTML report, e.g. "Your consent history". */
	String title();

	/** Column order for the CSV file and the HTML table; rows carry these keys. */
	List<String> columns();

	/** The collections whose subject data this section covers. */
	Set<String> collections();

	/**
	 * Streams the subject's rows in a stable order; values are strings, numbers, booleans, enum
	 * constants (their name for computers, words for people) or null.
	 */
	void rows(String subjectId, Consumer<Map<String, Object>> sink);

}
