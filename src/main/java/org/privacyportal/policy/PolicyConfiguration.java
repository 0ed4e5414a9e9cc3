package org.privacyportal.policy;

import org.privacyportal.personaldata.Erasure;
import org.privacyportal.personaldata.PersonalData;
import org.privacyportal.personaldata.SubjectCollection;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A subject's policy acknowledgements, exported and deleted: the audit trail keeps that one was made. */
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

	static final SubjectCollection<PolicyAcknowledgement> ACKNOWLEDGEMENTS = SubjectCollection
		.of(PolicyAcknowledgement.class)
		.exported("policyAcknowledgements", "Your acknowledgements of the privacy policy", 1600, "at", "_id")
		.column("version", PolicyAcknowledgement::version)
		.column("acknowledgedAt", PolicyAcknowledgement::at)
		.erasedBy(Erasure.delete());

	@Bean
	PersonalData.SectionAndEraser policyAcknowledgements(PersonalData personalData) {
		return personalData.sectionAndEraser(ACKNOWLEDGEMENTS);
	}

}
