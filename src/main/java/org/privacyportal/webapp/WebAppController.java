package org.privacyportal.webapp;

import java.util.LinkedHashMap;
import java.util.Map;

import org.privacyportal.security.IdentityProperties;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The app's {@code config.json}, from the portal's own settings, so the app signs in against the
 * issuer the API trusts; hosted elsewhere, a static {@code config.json} beside it does the same.
 */
@RestController
class WebAppController {

	private final IdentityProperties identity;

	private final WebAppProperties app;

	WebAppController(IdentityProperties identity, WebAppProperties app) {
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
