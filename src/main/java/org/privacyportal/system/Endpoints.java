package org.privacyportal.system;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

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
	@Nullable String refusal(String endpoint) {
		URI uri;
		try {
			uri = endpoint.length() > MAX_LENGTH ? null : new URI(endpoint);
		}
		catch (URISyntaxException ex) {
			uri = null;
		}
		if (uri == null || !uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null
				|| uri.getRawFragment() != null) {
			return "Give an absolute URL without user name or fragment, up to " + MAX_LENGTH + " characters";
		}
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("https") && !(insecure && scheme.equals("http"))) {
			return insecure ? "The endpoint must be http or https" : "The endpoint must be https";
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(uri.getHost());
		}
		catch (UnknownHostException ex) {
			return "The endpoint's host name does not resolve";
		}
		for (InetAddress address : addresses) {
			if ((address.isLoopbackAddress() || address.isAnyLocalAddress()) && !insecure) {
				return "The endpoint is on this machine (a loopback address)";
			}
			if ((address.isSiteLocalAddress() || address.isLinkLocalAddress() || isUniqueLocal(address))
					&& !privateAddresses) {
				return "The endpoint is on a private or link-local address";
			}
		}
		return null;
	}

	private static boolean isUniqueLocal(InetAddress address) {
		byte[] bytes = address.getAddress();
		return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
	}

}
