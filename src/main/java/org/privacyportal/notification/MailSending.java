package org.privacyportal.notification;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.privacyportal.language.Languages;
import org.privacyportal.notification.MailRecipients.Recipient;
import org.privacyportal.notification.MailTemplates.MailTemplateException;
import org.privacyportal.notification.MailTemplates.RenderedMail;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * One attempt at one mail: the address current at sending time, the rendered template, and the
 * SMTP server, whose {@link JavaMailSender} Boot defines only when {@code spring.mail.host} is set;
 * without it the log records that the mail was built, by its ids and template.
 */
@Component
class MailSending {

	static final String MESSAGE_ID_DOMAIN = "privacy-portal";

	private static final Logger log = LoggerFactory.getLogger(MailSending.class);

	private final MailRecipients recipients;

	private final MailTemplates templates;

	private final @Nullable JavaMailSender sender;

	private final NotificationProperties properties;

	MailSending(MailRecipients recipients, MailTemplates templates, @Nullable JavaMailSender sender,
			NotificationProperties properties) {
		this.recipients = recipients;
		this.templates = templates;
		this.sender = sender;
		this.properties = properties;
		if (sender == null) {
			log.info("Mail: no SMTP server configured (spring.mail.host), mail is recorded in the log by id and kept in the outbox");
		}
	}

	boolean canSend() {
		return sender != null;
	}

	/**
	 * {@code SENT}, {@code LOGGED}, {@code UNDELIVERABLE}, {@code FAILED} when the mail cannot be
	 * built, or {@code PENDING} with the server's {@code failure}.
	 */
	Attempt send(PendingMail mail, String collection, Object documentId) {
		Optional<Recipient> recipient = recipientOf(mail);
		if (recipient.isEmpty()) {
			log.info("Mail {} ({}) for subject {} has no address to go to", mail.id(), mail.template(), mail.subjectId());
			return new Attempt(MailDeliveryStatus.UNDELIVERABLE, "No address", null);
		}
		RenderedMail rendered;
		try {
			String language = Languages.of(recipient.get().language())
				.or(() -> Languages.of(mail.language()))
				.orElse(Languages.DEFAULT);
			rendered = templates.render(mail.template(), language, model(mail, recipient.get(), language));
		}
		catch (MailTemplateException ex) {
			log.error("Mail {} ({}) for subject {} cannot be built, giving up: {}", mail.id(), mail.template(),
					mail.subjectId(), ex.getMessage());
			return new Attempt(MailDeliveryStatus.FAILED, ex.getMessage(), null);
		}
		if (sender == null) {
			// ids and the template only: address, name and text are personal data and stay out of the log
			log.info("Mail {} ({}) for subject {} logged, not sent: no SMTP configured; it waits in {} {}", mail.id(),
					mail.template(), mail.subjectId(), collection, documentId);
			return new Attempt(MailDeliveryStatus.LOGGED, null, null);
		}
		try {
			sender.send(message -> {
				MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
				helper.setFrom(properties.from());
				helper.setTo(recipient.get().address());
				helper.setSubject(rendered.subject());
				helper.setText(rendered.body(), false);
				message.setHeader("Message-ID", "<" + mail.id() + "@" + MESSAGE_ID_DOMAIN + ">");
			});
		}
		catch (MailException ex) {
			return new Attempt(MailDeliveryStatus.PENDING, ex.getMessage(), ex);
		}
		return new Attempt(MailDeliveryStatus.SENT, null, null);
	}

	private Optional<Recipient> recipientOf(PendingMail mail) {
		Map<String, String> model = mail.model() == null ? Map.of() : mail.model();
		String address = model.get(PendingMail.RECIPIENT_ADDRESS);
		if (address != null && !address.isBlank()) {
			return Optional.of(new Recipient(address, null, null));
		}
		return mail.subjectId() == null ? Optional.empty() : recipients.find(mail.subjectId());
	}

	private Map<String, String> model(PendingMail mail, Recipient recipient, String language) {
		Map<String, String> model = new HashMap<>();
		model.put("recipientName", recipient.name() == null || recipient.name().isBlank()
				? templates.fallbackName(language) : recipient.name());
		if (mail.model() != null) {
			model.putAll(mail.model());
		}
		return model;
	}

	/** How one attempt ended; {@code failure} is the server's refusal of a {@code PENDING} one. */
	record Attempt(MailDeliveryStatus status, @Nullable String error, @Nullable MailException failure) {
	}

}
