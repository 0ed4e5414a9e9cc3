package org.privacyportal.security;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.stereotype.Controller;

/**
 * {@code @PreAuthorize} on the GraphQL controllers' methods, the portal's one method-security
 * annotation. {@code @EnableMethodSecurity} would add four more advisors, and each one's pointcut
 * looks through every method of every bean at start-up: a tenth of the start (docs/benchmarks.md).
 * This pointcut asks first whether the bean is a {@code @Controller}. Boot's AOP auto-configuration
 * applies it, as it applies any infrastructure advisor.
 */
@Configuration(proxyBeanMethods = false)
class MethodSecurityConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor preAuthorizeOnControllers() {
		return new AuthorizationManagerBeforeMethodInterceptor(
				new AnnotationMatchingPointcut(Controller.class, PreAuthorize.class, true),
				new PreAuthorizeAuthorizationManager());
	}

}
