package org.privacyportal.policy;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** One published version of the privacy policy; the id is the version label, so it is unique. */
@Document("policy_versions")
record PolicyVersion(@Id String version, @Indexed Instant effectiveAt, String summary, String text, boolean material,
		Instant publishedAt, String publishedBy) {
}
