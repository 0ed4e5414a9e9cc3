package org.privacyportal.webapp;

import java.util.LinkedHashMap;
import java.util.Map;

import org.privacyportal.security.IdentityProperties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The reference web app, plain files under {@code static/app/}, served at {@code /app/}. Its
 * {@code config.json} comes from the portal's own settings, so the app signs in against the same
 * issuer the API trusts; hosted elsewhere, a static {@code config.json} beside it does the same.
 */
@Configuration(proxyBeanMethods = false)
class WebAppConfiguration implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/app", "/app/");
		registry.addViewController("/app/").setViewName("forward:/app/index.html");
	}

	/**
	 * @param clientId the OAuth client the app signs in as at an external issuer
	 */
	@ConfigurationProperties("portal.app")
	record WebAppProperties(@DefaultValue("privacy-portal-spa") String clientId) {
	}

	@RestController
	static class WebAppConfigController {

		private final IdentityProperties identity;

		private final WebAppProperties app;

		WebAppConfigController(IdentityProperties identity, WebAppProperties app) {
			this.identity = identity;
			this.app = app;
		}

		/** Same origin for the API; no issuer means the embedded one's {@code /dev/tokens}. */
		@GetMapping("/app/config.json")
		ResponseEntity<Map<String, Object>> config() {
			Map<String, Object> config = new LinkedHashMap<>();
			config.put("api", "");
			config.put("issuer", identity.embeddedIssuer() ? null : identity.issuerUri());
			config.put("clientId", app.clientId());
			return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(config);
		}

	}

}
