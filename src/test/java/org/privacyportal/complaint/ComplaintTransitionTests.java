package org.privacyportal.complaint;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacyportal.complaint.ComplaintCalls.file;
import static org.privacyportal.complaint.ComplaintCalls.update;
import static org.privacyportal.complaint.ComplaintCalls.updated;

/** Every from/to pair of the complaint workflow, through HTTP. */
class ComplaintTransitionTests extends PortalIntegrationTest {

	private static final List<String> STATUSES = List.of("RECEIVED", "ACKNOWLEDGED", "INVESTIGATING", "RESOLVED",
			"DISMISSED");

	/** Forward only, steps may be skipped, nothing leaves RESOLVED or DISMISSED, staying is no move. */
	private static final List<String> ALLOWED = List.of("RECEIVED>ACKNOWLEDGED", "RECEIVED>INVESTIGATING",
			"RECEIVED>RESOLVED", "RECEIVED>DISMISSED", "ACKNOWLEDGED>INVESTIGATING", "ACKNOWLEDGED>RESOLVED",
			"ACKNOWLEDGED>DISMISSED", "INVESTIGATING>RESOLVED", "INVESTIGATING>DISMISSED");

	static Stream<Arguments> everyPair() {
		List<Arguments> pairs = new ArrayList<>();
		for (String from : STATUSES) {
			for (String to : STATUSES) {
				pairs.add(Arguments.of(from, to, ALLOWED.contains(from + ">" + to)));
			}
		}
		return pairs.stream();
	}

	@ParameterizedTest(name = "{0} -> {1}: allowed {2}")
	@MethodSource("everyPair")
	void theStatusMovesForwardOnly(String from, String to, boolean allowed) {
		PortalClient alice = newSubject();
		PortalClient staff = staff();
		String id = file(alice);
		if (!from.equals("RECEIVED")) {
			updated(staff, id, "status", from, "reply", "Decided: " + from);
		}

		GraphQlResponse move = update(staff, id, "status", to, "reply", "Now " + to);

		String status = alice.document("myComplaints").text("data.me.complaints.edges.0.node.status");
		int messages = alice.document("myComplaints").path("data.me.complaints.edges.0.node.messages").size();
		if (allowed) {
			assertThat(move.path("data.updateComplaint.userErrors")).as(move.rawBody()).isEmpty();
			assertThat(move.text("data.updateComplaint.complaint.status")).isEqualTo(to);
			assertThat(status).isEqualTo(to);
		}
		else {
			assertThat(move.userErrorCodes("data.updateComplaint")).as(move.rawBody()).containsExactly("CONFLICT");
			assertThat(move.path("data.updateComplaint.userErrors.0.field").toString()).contains("status");
			assertThat(move.path("data.updateComplaint.complaint").isNull()).isTrue();
			assertThat(status).isEqualTo(from);
			assertThat(messages).as("the refused update's reply is not kept").isEqualTo(from.equals("RECEIVED") ? 0 : 1);
		}
	}

}
