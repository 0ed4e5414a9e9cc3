package org.privacyportal.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * {@code @PreAuthorize} is enforced on the methods of {@code @Controller} beans only
 * ({@link MethodSecurityConfiguration}); one anywhere else would silently check nothing.
 */
class MethodSecurityTests {

	private final JavaClasses portal = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.privacyportal");

	@Test
	void everyPreAuthorizeIsOnAMethodOfAController() {
		methods().that()
			.areAnnotatedWith(PreAuthorize.class)
			.should()
			.beDeclaredInClassesThat()
			.areMetaAnnotatedWith(Controller.class)
			.check(portal);
		noClasses().should().beAnnotatedWith(PreAuthorize.class).check(portal);
	}

}
