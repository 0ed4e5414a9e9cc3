package org.privacyportal.disclosure;

import org.privacyportal.personaldata.Erasure;
import org.privacyportal.personaldata.PersonalData;
import org.privacyportal.personaldata.SubjectCollection;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The disclosures the subject may see, in an export; one still confidential is left out, as in
 * {@code me}. Erasure keeps the records and marks them {@code subjectErasedAt}; it deletes nothing.
 * <p>
 * Why: a disclosure record (§6) is the portal's own legal record that it handed information over, to
 * whom and on which basis. It is the proof the portal needs if the disclosure is questioned, and a
 * disclosure may still be confidential (a court order or an investigation) when the subject asks for
 * erasure, so deleting it could destroy evidence the portal is bound to keep; erasure laws exempt
 * records kept to comply with a legal obligation or for legal claims. The record holds none of the
 * disclosed data itself: recipient, basis, data category names and dates, tied to the subject by a
 * random id that identifies nobody once the subject's profile is erased, the same way the audit
 * trail keeps its proof.
 */
@Configuration(proxyBeanMethods = false)
class DisclosureConfiguration {

	private static final SubjectCollection<Disclosure> DISCLOSURES = SubjectCollection.of(Disclosure.class)
		.exported("disclosures", "Disclosures of your information for legal purposes", 1400, "disclosedAt", "_id")
		.shownOnlyWhere(DisclosureService::visibleToSubject)
		.column("id", Disclosure::id)
		.column("disclosedAt", Disclosure::disclosedAt)
		.column("recipient", Disclosure::recipient)
		.column("basis", Disclosure::basis)
		.column("dataCategories", Disclosure::dataCategories)
		.erasedBy(Erasure.clear().stamp("subjectErasedAt"));

	@Bean
	PersonalData.SectionAndEraser disclosures(PersonalData personalData) {
		return personalData.sectionAndEraser(DISCLOSURES);
	}

}
