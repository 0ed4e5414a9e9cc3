package org.privacyportal.complaint;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.privacyportal.complaint.ComplaintStatus.ACKNOWLEDGED;
import static org.privacyportal.complaint.ComplaintStatus.DISMISSED;
import static org.privacyportal.complaint.ComplaintStatus.INVESTIGATING;
import static org.privacyportal.complaint.ComplaintStatus.RECEIVED;
import static org.privacyportal.complaint.ComplaintStatus.RESOLVED;

class ComplaintStatusTests {

	@Test
	void onlyResolvedAndDismissedAreClosed() {
		assertThat(RECEIVED.open()).isTrue();
		assertThat(ACKNOWLEDGED.open()).isTrue();
		assertThat(INVESTIGATING.open()).isTrue();
		assertThat(RESOLVED.open()).isFalse();
		assertThat(DISMISSED.open()).isFalse();
	}

	@Test
	void closedComplaintsGoNowhereAndOpenOnesOnlyForward() {
		assertThat(RESOLVED.canMoveTo(DISMISSED)).isFalse();
		assertThat(DISMISSED.canMoveTo(RESOLVED)).isFalse();
		assertThat(INVESTIGATING.canMoveTo(ACKNOWLEDGED)).isFalse();
		assertThat(ACKNOWLEDGED.canMoveTo(ACKNOWLEDGED)).isFalse();
		assertThat(RECEIVED.canMoveTo(DISMISSED)).isTrue();
	}

	@Test
	void theQueueRanksOpenUrgentThenOpenThenClosed() {
		assertThat(Complaint.queueRank(INVESTIGATING, true)).isZero();
		assertThat(Complaint.queueRank(RECEIVED, false)).isEqualTo(1);
		assertThat(Complaint.queueRank(RESOLVED, true)).isEqualTo(2);
		assertThat(Complaint.queueRank(DISMISSED, false)).isEqualTo(2);
	}

}
