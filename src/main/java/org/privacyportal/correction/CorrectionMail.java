package org.privacyportal.correction;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.privacyportal.notification.PendingMail;
import org.privacyportal.request.RequestStatus;
import org.privacyportal.subject.ProfileField;
import org.privacyportal.subject.SubjectViews.PostalAddressView;

/**
 * The mail a correction request sends ({@code correction-submitted}, {@code correction-decided}),
 * with the models their templates name: fields, values and decisions as a person reads them, not
 * as the API spells them.
 */
final class CorrectionMail {

	private CorrectionMail() {
	}

	static PendingMail submitted(String requestId, String subjectId, ProfileField field, String proposedValue,
			Instant submittedAt, Instant dueAt) {
		Map<String, String> model = new LinkedHashMap<>();
		model.put("requestId", requestId);
		model.put("field", fieldName(field));
		model.put("proposedValue", readable(field, proposedValue));
		model.put("submittedAt", submittedAt.toString());
		model.put("dueAt", dueAt.toString());
		return PendingMail.of("correction-submitted", subjectId, model, submittedAt);
	}

	/** {@code note} is the reply the subject sees; an approval may come without one. */
	static PendingMail decided(CorrectionRequest request, RequestStatus decision, @Nullable String note,
			Instant decidedAt) {
		Map<String, String> model = new LinkedHashMap<>();
		model.put("requestId", request.id());
		model.put("field", fieldName(request.field()));
		model.put("decision", decision.name().toLowerCase(Locale.ROOT));
		model.put("decisionNote", note == null ? "" : note);
		model.put("decidedAt", decidedAt.toString());
		return PendingMail.of("correction-decided", request.subjectId(), model, decidedAt);
	}

	static String fieldName(ProfileField field) {
		return switch (field) {
			case FULL_NAME -> "full name";
			case EMAIL -> "email address";
			case PHONE -> "phone number";
			case POSTAL_ADDRESS -> "postal address";
			case ORGANIZATION -> "organization";
		};
	}

	/** An address is kept as JSON (see {@link ProposedValues}); a person reads it as one line of its parts. */
	private static String readable(ProfileField field, String value) {
		if (field != ProfileField.POSTAL_ADDRESS) {
			return value;
		}
		PostalAddressView address = JsonMapper.shared().readValue(value, PostalAddressView.class);
		String place = Stream.of(address.postalCode(), address.city())
			.filter(Objects::nonNull)
			.collect(Collectors.joining(" "));
		return Stream.of(address.line1(), address.line2(), place, address.region(), address.country())
			.filter(part -> part != null && !part.isEmpty())
			.collect(Collectors.joining(", "));
	}

}
