package org.privacyportal;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/** Features are modules: none reaches into another's internals, and there are no cycles. */
class ModularityTests {

	@Test
	void featuresRespectEachOthersBoundaries() {
		ApplicationModules.of(PrivacyPortalApplication.class).verify();
	}

}
