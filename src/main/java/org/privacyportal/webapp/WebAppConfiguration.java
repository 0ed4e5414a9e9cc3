package org.privacyportal.webapp;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The reference web app, plain files under {@code static/app/}, served at {@code /app/}. */
@Configuration(proxyBeanMethods = false)
class WebAppConfiguration implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/app", "/app/");
		registry.addViewController("/app/").setViewName("forward:/app/index.html");
	}

}
