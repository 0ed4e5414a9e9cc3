package org.privacyportal.request;

/**
 * A kind of request that follows the shared lifecycle; each request feature declares one bean.
 * Its documents keep {@code subjectId}, {@code status} ({@link RequestStatus}), {@code dueAt},
 * {@code extendedAt}, {@code extensionReason} and {@code outbox} under these names.
 *
 * @param name how the subject calls it in mail, and the prefix of its audit actions: {@code correction}
 * @param document the mapped document type, which names the collection
 */
public record RequestKind(String name, Class<?> document) {
}
