package org.privacyportal.security;

import org.springframework.aop.Advisor;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.stereotype.Controller;

/**
 * {@code @PreAuthorize} on the GraphQL controllers' methods, the portal's one method-security
 * annotation. {@code @EnableMethodSecurity} would add four more advisors, and each one's pointcut
 * looks through every method of every bean at start-up: a fifth of the start (docs/benchmarks.md).
 * This pointcut asks first whether the bean is a {@code @Controller}.
 */
@Configuration(proxyBeanMethods = false)
@Import(MethodSecurityConfiguration.AutoProxying.class)
class MethodSecurityConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor preAuthorizeOnControllers() {
		return new AuthorizationManagerBeforeMethodInterceptor(
				new AnnotationMatchingPointcut(Controller.class, PreAuthorize.class, true),
				new PreAuthorizeAuthorizationManager());
	}

	/**
	 * Applies the advisor whether or not Boot's AOP auto-configuration runs
	 * ({@code spring.aop.auto=false} must not switch the scopes off), as
	 * {@code @EnableMethodSecurity} does.
	 */
	static class AutoProxying implements ImportBeanDefinitionRegistrar {

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
		}

	}

}
