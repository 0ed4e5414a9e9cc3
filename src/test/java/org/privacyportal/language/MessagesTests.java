package org.privacyportal.language;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

	/** A key the code names but no file has would fail the field that shows it. */
	@Test
	void everyMessageKeyTheCodeNamesExists() throws IOException {
		Pattern literal = Pattern.compile("\"((?:error|enum)\\.[A-Za-z0-9.-]*[A-Za-z0-9])\"");
		Pattern notFound = Pattern.compile("new NotFoundException\\(\"([a-z-]+)\"\\)");
		Set<String> named = new TreeSet<>();
		try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
			for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
				String code = Files.readString(source);
				Matcher key = literal.matcher(code);
				while (key.find()) {
					named.add(key.group(1));
				}
				Matcher thing = notFound.matcher(code);
				while (thing.find()) {
					named.add("error.not-found." + thing.group(1));
				}
			}
		}

		assertThat(named).hasSizeGreaterThan(100);
		assertThat(keys("messages.properties")).containsAll(named);
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
