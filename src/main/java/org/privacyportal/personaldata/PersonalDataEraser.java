package org.privacyportal.personaldata;

import java.util.Set;

/**
 * One feature's part of executing a deletion request. Must be idempotent: a run that crashed
 * halfway is simply run again. What has to be kept as proof is kept without personal data.
 */
public interface PersonalDataEraser {

	/** The collections whose subject data this eraser handles. */
	Set<String> collections();

	void erase(String subjectId);

}
