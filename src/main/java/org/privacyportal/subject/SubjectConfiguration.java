package org.privacyportal.subject;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.privacyportal.notification.MailOutbox;
import org.privacyportal.personaldata.PersonalData;
import org.privacyportal.personaldata.PersonalDataSection;
import org.privacyportal.personaldata.SubjectCollection;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The subject's profile and the sign-in identity it belongs to, in an export. The legal hold is staff
 * business and stays out, as it does in the API. {@link SubjectEraser} makes the subject a tombstone.
 */
@Configuration(proxyBeanMethods = false)
class SubjectConfiguration {

	private static final SubjectCollection<Subject> PROFILE = SubjectCollection.of(Subject.class, "_id")
		.exported("profile", "Your profile", 100)
		.column("subjectId", Subject::id)
		.column("registeredAt", Subject::registeredAt)
		.column("fullName", subject -> subject.profile().fullName())
		.column("email", subject -> subject.profile().email())
		.column("phone", subject -> subject.profile().phone())
		.column("addressLine1", address(Subject.PostalAddress::line1))
		.column("addressLine2", address(Subject.PostalAddress::line2))
		.column("city", address(Subject.PostalAddress::city))
		.column("region", address(Subject.PostalAddress::region))
		.column("postalCode", address(Subject.PostalAddress::postalCode))
		.column("country", address(Subject.PostalAddress::country))
		.column("organization", subject -> subject.profile().organization())
		.column("language", subject -> subject.profile().language())
		.column("signInProvider", Subject::issuer)
		.column("signInId", Subject::externalId);

	@Bean
	PersonalDataSection profileSection(PersonalData personalData) {
		return personalData.section(PROFILE);
	}

	private static Function<Subject, @Nullable String> address(Function<Subject.PostalAddress, @Nullable String> part) {
		return subject -> {
			Subject.PostalAddress address = subject.profile().postalAddress();
			return address == null ? null : part.apply(address);
		};
	}

	/** The registration mail waits in the subject's outbox. */
	@Bean
	MailOutbox subjectMailOutbox() {
		return () -> Subject.COLLECTION;
	}

}
