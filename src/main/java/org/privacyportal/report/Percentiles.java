package org.privacyportal.report;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Percentiles computed in Java, because the embedded store has no {@code $percentile}. Linear
 * interpolation between the closest ranks (Hyndman and Fan type 7, the spreadsheet
 * {@code PERCENTILE.INC}): the median of an even count is the mean of the middle two.
 */
final class Percentiles {

	private Percentiles() {
	}

	/** The {@code p}-th percentile ({@code 0 <= p <= 1}) of the values; null when there are none. */
	static @Nullable Double of(double[] values, double p) {
		if (p < 0 || p > 1) {
			throw new IllegalArgumentException("p must be between 0 and 1");
		}
		if (values.length == 0) {
			return null;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		double rank = p * (sorted.length - 1);
		int below = (int) Math.floor(rank);
		int above = (int) Math.ceil(rank);
		return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
	}

}
