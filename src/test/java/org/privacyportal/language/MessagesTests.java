package org.privacyportal.language;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message exists in every language the portal speaks. */
class MessagesTests {

	@Test
	void everyLanguageHasEveryMessageKey() throws IOException {
		Set<String> english = keys("messages.properties");

		assertThat(english).isNotEmpty();
		for (String language : Languages.SUPPORTED) {
			if (!language.equals(Languages.DEFAULT)) {
				assertThat(keys("messages_" + language + ".properties")).as(language)
					.containsExactlyInAnyOrderElementsOf(english);
			}
		}
	}

	@Test
	void aLanguageIsTheFirstSupportedOneAskedFor() {
		assertThat(Languages.of("de-AT")).contains("de");
		assertThat(Languages.of("fr-CH, fr;q=0.9, de;q=0.8, en;q=0.7")).contains("de");
		assertThat(Languages.of("de_DE")).contains("de");
		assertThat(Languages.of("fr")).isEmpty();
		assertThat(Languages.of("*")).isEmpty();
		assertThat(Languages.of("")).isEmpty();
		assertThat(Languages.of("q=;;,")).isEmpty();
	}

	private static Set<String> keys(String file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = new InputStreamReader(new ClassPathResource(file).getInputStream(), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties.stringPropertyNames();
	}

}
