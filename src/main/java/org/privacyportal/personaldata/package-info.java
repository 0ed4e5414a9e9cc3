/**
 * How the export and deletion features reach every piece of personal data without naming the
 * features that hold it: they iterate over every {@link org.privacyportal.personaldata.PersonalDataSection}
 * and {@link org.privacyportal.personaldata.PersonalDataEraser}. A feature declares each collection
 * once as a {@link org.privacyportal.personaldata.SubjectCollection} and lets
 * {@link org.privacyportal.personaldata.PersonalData} make the section and the eraser of it; data
 * that needs more implements an interface itself.
 */
package org.privacyportal.personaldata;
