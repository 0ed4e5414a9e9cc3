package org.privacyportal.security;

/** The OAuth2 scopes of the contract, as authorities and as {@code @PreAuthorize} expressions. */
public final class Scopes {

	public static final String SELF = "privacy.self";

	public static final String STAFF = "privacy.staff";

	public static final String ADMIN = "privacy.admin";

	public static final String AUTHORITY_PREFIX = "SCOPE_";

	public static final String IS_SELF = "hasAuthority('SCOPE_privacy.self')";

	public static final String IS_STAFF = "hasAuthority('SCOPE_privacy.staff')";

	public static final String IS_ADMIN = "hasAuthority('SCOPE_privacy.admin')";

	private Scopes() {
	}

}
