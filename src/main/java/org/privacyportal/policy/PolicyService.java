package org.privacyportal.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/** The privacy policy's versions and which one is in force (§10). */
@Service
public class PolicyService {

	static final String FIRST_VERSION = "1.0";

	private static final Logger log = LoggerFactory.getLogger(PolicyService.class);

	private final MongoTemplate mongo;

	private final PolicyMapper mapper;

	private final Clock clock;

	PolicyService(MongoTemplate mongo, PolicyMapper mapper, Clock clock) {
		this.mongo = mongo;
		this.mapper = mapper;
		this.clock = clock;
	}

	/** The version in force now: the latest whose effective date has come. */
	public PolicyView inForce() {
		return mapper.toView(inForceDocument());
	}

	public String versionInForce() {
		return inForceDocument().version();
	}

	private PolicyVersion inForceDocument() {
		Query query = Query.query(Criteria.where("effectiveAt").lte(clock.instant()))
			.with(Sort.by(Sort.Direction.DESC, "effectiveAt"))
			.limit(1);
		PolicyVersion version = mongo.findOne(query, PolicyVersion.class);
		if (version == null) {
			throw new IllegalStateException("No privacy policy version is in force");
		}
		return version;
	}

	/** Seeds the policy in the repository as the first version, in force from the first start. */
	@EventListener(ApplicationReadyEvent.class)
	void seedFirstVersion() {
		if (mongo.exists(new Query(), PolicyVersion.class)) {
			return;
		}
		String text = readSeed();
		try {
			mongo.insert(new PolicyVersion(FIRST_VERSION, clock.instant(), summaryOf(text), text, false, clock.instant(),
					"system"));
			log.info("Policy: seeded version {}", FIRST_VERSION);
		}
		catch (DuplicateKeyException ex) {
			// another instance seeded it first
		}
	}

	/** The first paragraph after the title. */
	static String summaryOf(String markdown) {
		for (String paragraph : markdown.split("\\R\\s*\\R")) {
			String trimmed = paragraph.strip();
			if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
				return trimmed.replaceAll("\\s*\\R\\s*", " ");
			}
		}
		return "";
	}

	private static String readSeed() {
		try {
			return new ClassPathResource("policy/privacy-policy.md").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The seed policy policy/privacy-policy.md is missing", ex);
		}
	}

}
