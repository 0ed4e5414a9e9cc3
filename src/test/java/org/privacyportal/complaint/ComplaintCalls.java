package org.privacyportal.complaint;

import java.util.LinkedHashMap;
import java.util.Map;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The complaint calls the tests make over and over. */
final class ComplaintCalls {

	private ComplaintCalls() {
	}

	/** Files a complaint and answers its id. */
	static String file(PortalClient subject, String category) {
		GraphQlResponse filed = subject.document("fileComplaint", "category", category, "summary", "Summary of " + category,
				"description", "What happened, in detail.");
		assertThat(filed.path("data.fileComplaint.userErrors")).as(filed.rawBody()).isEmpty();
		return filed.text("data.fileComplaint.complaint.id");
	}

	static String file(PortalClient subject) {
		return file(subject, "POLICY_VIOLATION");
	}

	/** {@code update(staff, id, "status", "ACKNOWLEDGED", "reply", "…")}. */
	static GraphQlResponse update(PortalClient staff, String id, Object... fields) {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("id", id);
		for (int i = 0; i < fields.length; i += 2) {
			input.put((String) fields[i], fields[i + 1]);
		}
		return staff.document("updateComplaint", "input", input);
	}

	/** Updates and expects it to work. */
	static GraphQlResponse updated(PortalClient staff, String id, Object... fields) {
		GraphQlResponse response = update(staff, id, fields);
		assertThat(response.hasErrors()).as(response.rawBody()).isFalse();
		assertThat(response.path("data.updateComplaint.userErrors")).as(response.rawBody()).isEmpty();
		return response;
	}

}
