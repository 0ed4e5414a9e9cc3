package org.privacyportal.policy;

import org.junit.jupiter.api.Test;

import org.privacyportal.support.GraphQlResponse;
import org.privacyportal.support.PortalIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyTests extends PortalIntegrationTest {

	@Test
	void thePolicyInForceIsPublicAndCoversElevenSections() {
		GraphQlResponse response = anonymous().document("publicCatalog");

		assertThat(response.text("data.privacyPolicy.version")).isEqualTo(PolicyService.FIRST_VERSION);
		assertThat(response.text("data.privacyPolicy.summary")).isNotBlank().doesNotStartWith("#");
		String text = response.text("data.privacyPolicy.text");
		for (int section = 1; section <= 11; section++) {
			assertThat(text).contains("## " + section + ". ");
		}
		assertThat(text).doesNotContain("Genesys");
	}

	@Test
	void theSummaryIsTheFirstParagraphAfterTheTitle() {
		assertThat(PolicyService.summaryOf("# Title\n\nFirst line\nsecond line.\n\n## 1. Notice\n\nBody"))
			.isEqualTo("First line second line.");
	}

}
