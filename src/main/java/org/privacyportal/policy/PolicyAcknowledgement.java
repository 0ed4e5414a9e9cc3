package org.privacyportal.policy;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** A subject's acknowledgement of one version; the id is subject and version, so it is recorded once. */
@Document("policy_acknowledgements")
record PolicyAcknowledgement(@Id String id, @Indexed String subjectId, String version, Instant at) {

	static String idOf(String subjectId, String version) {
		return subjectId + ":" + version;
	}

}
