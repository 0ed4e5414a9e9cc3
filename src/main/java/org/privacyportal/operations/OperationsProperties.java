package org.privacyportal.operations;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the operator sees.
 *
 * @param refreshInterval how often each instance measures the {@link BusinessFigure}s
 */
@ConfigurationProperties("portal.operations")
record OperationsProperties(@DefaultValue("PT1M") Duration refreshInterval) {
}
