/**
 * How the export and deletion features reach every piece of personal data without naming the
 * features that hold it: each such feature implements both interfaces.
 */
package org.privacyportal.personaldata;
