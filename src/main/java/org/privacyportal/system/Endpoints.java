package org.privacyportal.system;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.privacyportal.api.Message;
import org.privacyportal.security.IdentityProperties;

import org.springframework.stereotype.Component;

/**
 * Where the portal may send a webhook: {@code https} to a public address; {@code http} and loopback
 * only with insecure endpoints allowed, private and link-local addresses only when allowed. Checked
 * when a system is registered and again before each delivery, since a name may come to point elsewhere.
 */
@Component
class Endpoints {

	static final int MAX_LENGTH = 2000;

	private final boolean insecure;

	private final boolean privateAddresses;

	Endpoints(SystemsProperties properties, IdentityProperties identity) {
		this.insecure = properties.allowInsecureEndpoints() != null ? properties.allowInsecureEndpoints()
				: identity.embeddedIssuer();
		this.privateAddresses = properties.allowPrivateAddresses();
	}

	/** Why {@code endpoint} is refused, or null. */
	@Nullable Message refusal(String endpoint) {
		URI uri;
		try {
			uri = endpoint.length() > MAX_LENGTH ? null : new URI(endpoint);
		}
		catch (URISyntaxException ex) {
			uri = null;
		}
		if (uri == null || !uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null
				|| uri.getRawFragment() != null) {
			return new Message("error.system.endpoint-url", MAX_LENGTH);
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !(insecure && scheme.equals("http"))) {
			return new Message(insecure ? "error.system.endpoint-http" : "error.system.endpoint-https");
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(uri.getHost());
		}
		catch (UnknownHostException ex) {
			return new Message("error.system.endpoint-unknown-host");
		}
		for (InetAddress address : addresses) {
			if ((address.isLoopbackAddress() || address.isAnyLocalAddress()) && !insecure) {
				return new Message("error.system.endpoint-loopback");
			}
			if ((address.isSiteLocalAddress() || address.isLinkLocalAddress() || isUniqueLocal(address))
					&& !privateAddresses) {
				return new Message("error.system.endpoint-private");
			}
		}
		return null;
	}

	private static boolean isUniqueLocal(InetAddress address) {
		byte[] bytes = address.getAddress();
		return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
	}

}
