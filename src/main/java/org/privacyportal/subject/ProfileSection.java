package org.privacyportal.subject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.privacyportal.personaldata.PersonalDataSection;

import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The subject's profile and the sign-in identity it belongs to. The legal hold is staff business
 * and stays out, as it does in the API.
 */
@Component
@Order(100)
class ProfileSection implements PersonalDataSection {

	private final MongoTemplate mongo;

	ProfileSection(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public String key() {
		return "profile";
	}

	@Override
	public String title() {
		return "Your profile";
	}

	@Override
	public List<String> columns() {
		return List.of("subjectId", "registeredAt", "fullName", "email", "phone", "addressLine1", "addressLine2",
				"city", "region", "postalCode", "country", "organization", "signInProvider", "signInId");
	}

	@Override
	public Set<String> collections() {
		return Set.of(mongo.getCollectionName(Subject.class));
	}

	@Override
	public void rows(String subjectId, Consumer<Map<String, Object>> sink) {
		Subject subject = mongo.findById(subjectId, Subject.class);
		if (subject == null) {
			return;
		}
		Subject.Profile profile = subject.profile();
		Subject.PostalAddress address = profile.postalAddress();
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("subjectId", subject.id());
		row.put("registeredAt", subject.registeredAt().toString());
		row.put("fullName", profile.fullName());
		row.put("email", profile.email());
		row.put("phone", profile.phone());
		row.put("addressLine1", address == null ? null : address.line1());
		row.put("addressLine2", address == null ? null : address.line2());
		row.put("city", address == null ? null : address.city());
		row.put("region", address == null ? null : address.region());
		row.put("postalCode", address == null ? null : address.postalCode());
		row.put("country", address == null ? null : address.country());
		row.put("organization", profile.organization());
		row.put("signInProvider", subject.issuer());
		row.put("signInId", subject.externalId());
		sink.accept(row);
	}

}
