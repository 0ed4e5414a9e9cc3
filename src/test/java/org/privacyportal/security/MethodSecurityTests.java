package org.privacyportal.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;

/**
 * {@code @PreAuthorize} is enforced on the methods of {@code @Controller} beans only
 * ({@link MethodSecurityConfiguration}); one anywhere else would silently check nothing.
 */
class MethodSecurityTests {

	@AfterEach
	void forgetTheCaller() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void everyPreAuthorizeIsOnAMethodOfAController() {
		JavaClasses portal = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("org.privacyportal");
		methods().that()
			.areAnnotatedWith(PreAuthorize.class)
			.should()
			.beDeclaredInClassesThat()
			.areMetaAnnotatedWith(Controller.class)
			.check(portal);
		noClasses().should().beAnnotatedWith(PreAuthorize.class).check(portal);
	}

	@Test
	void aControllersScopeIsCheckedAlsoWithoutBootsAopAutoConfiguration() {
		new ApplicationContextRunner().withUserConfiguration(MethodSecurityConfiguration.class, QueueController.class)
			.run(context -> {
				QueueController controller = context.getBean(QueueController.class);
				SecurityContextHolder.getContext()
					.setAuthentication(new TestingAuthenticationToken("staff-1", null, "SCOPE_" + Scopes.STAFF));
				assertThat(controller.queue()).isEqualTo("the queue");
				SecurityContextHolder.getContext()
					.setAuthentication(new TestingAuthenticationToken("subject-1", null, "SCOPE_" + Scopes.SELF));
				assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(controller::queue);
			});
	}

	@Controller
	static class QueueController {

		@PreAuthorize(Scopes.IS_STAFF)
		String queue() {
			return "the queue";
		}

	}

}
