package org.privacyportal.api;

import org.privacyportal.security.Sha256;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** The stored first answers of one caller, for erasing them with the subject they may describe. */
@Component
public class IdempotencyRecords {

	public static final String COLLECTION = "idempotency_keys";

	private final MongoTemplate mongo;

	IdempotencyRecords(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Removes every record of the identity a token's {@code iss} and {@code sub} name. */
	public void forget(String issuer, String subject) {
		mongo.remove(Query.query(Criteria.where("caller").is(caller(issuer, subject))), IdempotencyRecord.class);
	}

	static String caller(String issuer, String subject) {
		return Sha256.hex(issuer + "\n" + subject);
	}

}
