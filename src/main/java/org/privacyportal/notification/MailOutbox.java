package org.privacyportal.notification;

/** A collection whose documents carry an {@code outbox} array of {@link PendingMail}. */
public interface MailOutbox {

	String collection();

}
