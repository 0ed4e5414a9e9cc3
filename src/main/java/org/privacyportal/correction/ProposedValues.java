package org.privacyportal.correction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.privacyportal.api.Message;
import org.privacyportal.api.UserError;
import org.privacyportal.subject.ProfileField;
import org.privacyportal.subject.SubjectViews.PostalAddressView;

/**
 * Checks a proposed value for its field and brings it to the form the profile keeps: trimmed
 * text, a phone number as {@code +} and digits, an address as {@link PostalAddressView#toJson()}.
 * Errors name {@code ["input", "proposedValue"]}, with the address part appended for an address.
 */
final class ProposedValues {

	static final int MAX_NAME_LENGTH = 200;

	static final int MAX_EMAIL_LENGTH = 254;

	static final int MAX_INPUT_LENGTH = 2000;

	private static final int MAX_EMAIL_LOCAL_PART = 64;

	private static final int MIN_PHONE_DIGITS = 7;

	private static final int MAX_PHONE_DIGITS = 15;

	private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
			+ "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

	/** {@code +}, then digit groups separated by single spaces or dashes. */
	private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]*([ -][0-9]+)*");

	private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

	/** Address parts and their longest length; the first, third and last are required. */
	private static final Map<String, Integer> ADDRESS_PARTS = addressParts();

	private static final List<String> REQUIRED_ADDRESS_PARTS = List.of("line1", "city", "country");

	private ProposedValues() {
	}

	/** A checked value: {@code value} is set exactly when {@code errors} is empty. */
	record Checked(@Nullable String value, List<UserError> errors) {

		static Checked ok(String value) {
			return new Checked(value, List.of());
		}

		static Checked invalid(Message message) {
			return new Checked(null, List.of(UserError.invalid(message, "input", "proposedValue")));
		}

	}

	static Checked check(ProfileField field, @Nullable String raw) {
		String value = raw == null ? "" : raw.strip();
		if (value.isEmpty()) {
			return Checked.invalid(new Message("error.correction.value-missing"));
		}
		if (value.length() > MAX_INPUT_LENGTH) {
			return Checked.invalid(new Message("error.correction.value-length", MAX_INPUT_LENGTH));
		}
		return switch (field) {
			case FULL_NAME -> text(value, "name");
			case ORGANIZATION -> text(value, "organization");
			case EMAIL -> email(value);
			case PHONE -> phone(value);
			case POSTAL_ADDRESS -> address(value);
		};
	}

	/** {@code what} names the messages {@code error.correction.<what>-length} and {@code -control}. */
	private static Checked text(String value, String what) {
		if (value.length() > MAX_NAME_LENGTH) {
			return Checked.invalid(new Message("error.correction." + what + "-length", MAX_NAME_LENGTH));
		}
		if (CONTROL.matcher(value).find()) {
			return Checked.invalid(new Message("error.correction." + what + "-control"));
		}
		return Checked.ok(value);
	}

	private static Checked email(String value) {
		if (value.length() > MAX_EMAIL_LENGTH) {
			return Checked.invalid(new Message("error.correction.email-length", MAX_EMAIL_LENGTH));
		}
		int at = value.lastIndexOf('@');
		if (!EMAIL.matcher(value).matches() || at > MAX_EMAIL_LOCAL_PART) {
			return Checked.invalid(new Message("error.correction.email"));
		}
		return Checked.ok(value);
	}

	private static Checked phone(String value) {
		if (!PHONE.matcher(value).matches()) {
			return Checked.invalid(new Message("error.correction.phone"));
		}
		String digits = value.replaceAll("[ -]", "").substring(1);
		if (digits.length() < MIN_PHONE_DIGITS || digits.length() > MAX_PHONE_DIGITS) {
			return Checked.invalid(new Message("error.correction.phone-digits", MIN_PHONE_DIGITS, MAX_PHONE_DIGITS));
		}
		return Checked.ok("+" + digits);
	}

	private static Checked address(String value) {
		JsonNode node;
		try {
			node = JsonMapper.shared().readTree(value);
		}
		catch (JacksonException ex) {
			node = null;
		}
		if (node == null || !node.isObject()) {
			return Checked.invalid(new Message("error.correction.address"));
		}
		Map<String, String> parts = new LinkedHashMap<>();
		Map<String, UserError> problems = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			String key = entry.getKey();
			JsonNode part = entry.getValue();
			Integer maxLength = ADDRESS_PARTS.get(key);
			Message problem = null;
			if (maxLength == null) {
				problem = new Message("error.correction.address-part-unknown", abbreviate(key),
						String.join(", ", ADDRESS_PARTS.keySet()));
			}
			else if (!part.isNull() && !part.isString()) {
				problem = new Message("error.correction.address-part-text", key);
			}
			else if (part.isString() && !part.asString().isBlank()) {
				String text = part.asString().strip();
				if (text.length() > maxLength) {
					problem = new Message("error.correction.address-part-length", key, maxLength);
				}
				else if (CONTROL.matcher(text).find()) {
					problem = new Message("error.correction.address-part-control", key);
				}
				parts.put(key, text);
			}
			if (problem != null) {
				problems.put(key, addressError(problem, abbreviate(key)));
			}
		}
		for (String required : REQUIRED_ADDRESS_PARTS) {
			if (!parts.containsKey(required) && !problems.containsKey(required)) {
				problems.put(required, addressError(new Message("error.correction.address-part-required", required), required));
			}
		}
		if (!problems.isEmpty()) {
			return new Checked(null, List.copyOf(problems.values()));
		}
		return Checked.ok(new PostalAddressView(parts.get("line1"), parts.get("line2"), parts.get("city"),
				parts.get("region"), parts.get("postalCode"), parts.get("country"))
			.toJson());
	}

	private static UserError addressError(Message message, String part) {
		return UserError.invalid(message, "input", "proposedValue", part);
	}

	private static Map<String, Integer> addressParts() {
		Map<String, Integer> parts = new LinkedHashMap<>();
		parts.put("line1", 200);
		parts.put("line2", 200);
		parts.put("city", 100);
		parts.put("region", 100);
		parts.put("postalCode", 20);
		parts.put("country", 100);
		return parts;
	}

	private static String abbreviate(String value) {
		return value.length() <= 40 ? value : value.substring(0, 40) + "…";
	}

}
