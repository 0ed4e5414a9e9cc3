package org.privacyportal.webapp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reference web app.
 *
 * @param clientId the OAuth client the app signs in as at an external issuer
 */
@ConfigurationProperties("portal.app")
record WebAppProperties(@DefaultValue("privacy-portal-spa") String clientId) {
}
