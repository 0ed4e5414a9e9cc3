package org.privacyportal.export;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExportArchiveTests {

	@Test
	void everyFormulaStartIsNeutralisedAndNumbersAreLeftAlone() {
		assertThat(ExportArchive.csvField("=1+1")).isEqualTo("'=1+1");
		assertThat(ExportArchive.csvField("+1")).isEqualTo("'+1");
		assertThat(ExportArchive.csvField("-1")).isEqualTo("'-1");
		assertThat(ExportArchive.csvField("@A1")).isEqualTo("'@A1");
		assertThat(ExportArchive.csvField("\tA1")).isEqualTo("'\tA1");
		assertThat(ExportArchive.csvField("\r=A1")).isEqualTo("\"'\r=A1\"");
		assertThat(ExportArchive.csvField("=A1,B1")).isEqualTo("\"'=A1,B1\"");
		assertThat(ExportArchive.csvField(-1)).isEqualTo("-1");
		assertThat(ExportArchive.csvField("a=b")).isEqualTo("a=b");
		assertThat(ExportArchive.csvField("")).isEmpty();
	}

}
