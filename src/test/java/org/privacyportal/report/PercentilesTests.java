package org.privacyportal.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class PercentilesTests {

	@Test
	void theMedianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
		assertThat(Percentiles.of(new double[] { 9, 1, 5 }, 0.5)).isEqualTo(5.0);
	}

	@Test
	void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		assertThat(Percentiles.of(new double[] { 4, 1, 3, 2 }, 0.5)).isEqualTo(2.5);
	}

	@Test
	void the90thPercentileInterpolatesBetweenTheClosestRanks() {
		// rank 0.9 * (4 - 1) = 2.7: 3 + 0.7 * (4 - 3)
		assertThat(Percentiles.of(new double[] { 1, 2, 3, 4 }, 0.9)).isCloseTo(3.7, within(1e-9));
		// rank 0.9 * 9 = 8.1 over 1..10: 9 + 0.1 * (10 - 9)
		assertThat(Percentiles.of(new double[] { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, 0.9)).isCloseTo(9.1, within(1e-9));
		// rank 0.9 * 4 = 3.6 over 1, 2, 3, 4, 10: 4 + 0.6 * (10 - 4)
		assertThat(Percentiles.of(new double[] { 1, 2, 3, 4, 10 }, 0.9)).isCloseTo(7.6, within(1e-9));
	}

	@Test
	void theEndsAreTheSmallestAndLargestAndOneValueIsEveryPercentile() {
		double[] values = { 3, 1, 2 };
		assertThat(Percentiles.of(values, 0)).isEqualTo(1.0);
		assertThat(Percentiles.of(values, 1)).isEqualTo(3.0);
		assertThat(Percentiles.of(new double[] { 7 }, 0.9)).isEqualTo(7.0);
		assertThat(values).containsExactly(3, 1, 2);
	}

	@Test
	void noValuesHaveNoPercentileAndPOutsideZeroToOneIsAMistake() {
		assertThat(Percentiles.of(new double[0], 0.5)).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> Percentiles.of(new double[] { 1 }, 1.5));
	}

}
