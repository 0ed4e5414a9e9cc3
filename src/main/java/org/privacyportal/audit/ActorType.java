package org.privacyportal.audit;

public enum ActorType {

	SUBJECT, STAFF, SYSTEM

}
