package org.privacyportal.subject;

/** Published once per subject, after their first sign-in created them. */
public record SubjectRegistered(String subjectId) {
}
