package org.privacyportal.system;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A registered data system. {@code sealedSecret} is its signing secret encrypted with the portal's
 * key ({@link SecretSeal}); the secret itself is shown once, when it is made.
 */
@Document(DataSystem.COLLECTION)
record DataSystem(@Id String id, @Indexed(unique = true) String name, String endpoint, List<SystemTaskKind> handles,
		boolean enabled, int answerWithinHours, Instant createdAt, @Nullable Instant lastDeliveryAt,
		@Nullable String lastFailure, String sealedSecret) {

	static final String COLLECTION = "data_systems";

	static final int DEFAULT_ANSWER_WITHIN_HOURS = 72;

}
