package org.privacyportal.api;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * GraphiQL and introspection follow {@code portal.api.explorer}; left unset they are on for the
 * embedded development setup and off once a real issuer is configured.
 */
class ExplorerDefaults implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String explicit = environment.getProperty("portal.api.explorer");
		boolean enabled = explicit != null && !explicit.isBlank() ? Boolean.parseBoolean(explicit.trim())
				: environment.getProperty("portal.identity.issuer-uri", "").isBlank();
		environment.getPropertySources()
			.addLast(new MapPropertySource("portalExplorerDefaults",
					Map.of("spring.graphql.graphiql.enabled", enabled, "spring.graphql.schema.introspection.enabled",
							enabled)));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
