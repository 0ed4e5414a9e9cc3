package org.privacyportal.personaldata;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.privacyportal.PrivacyPortalApplication;
import org.privacyportal.language.Languages;
import org.privacyportal.support.PortalClient;
import org.privacyportal.support.PortalIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every collection that holds data about a subject is exported by some {@link PersonalDataSection}
 * and erased by some {@link PersonalDataEraser}. The collections are those of the running store,
 * after every feature has been used once below, and those of every {@code @Document} type with a
 * {@code subjectId} (or the subjects themselves), so a feature not exercised here is still found.
 * A feature that adds a collection exercises it here too. Every section, declared or written by
 * hand, gives rows with exactly its columns and plain values.
 */
class PersonalDataCoverageTests extends PortalIntegrationTest {

	/** Held for the portal's own working or as proof, not as data about a subject to show or erase. */
	private static final Map<String, String> NOT_SUBJECT_DATA = Map.of(
			"audit_events", "the audit trail is proof of what happened: never exported, and kept on erasure",
			"audit_keys", "keys of the audit trail's detail digests, destroyed with the details on erasure",
			"shedlock", "locks of the scheduled sweeps",
			"cache_stamps", "the stamps that tell each instance its in-memory catalog or policy is out of date",
			"consent_purposes", "the purpose catalog, the same for everyone",
			"data_systems", "the registered data systems, the same for everyone",
			"policy_versions", "the policy's published versions, the same for everyone",
			"mail_retry_test_outbox", "written only by MailRetryTests, not by the application");

	/** Erased, but not a section of their own. */
	private static final Map<String, String> WITHOUT_SECTION = Map.of(
			"idempotency_keys", "first answers to retried mutations, kept a day: copies of what the sections show",
			"export_files.files", "the export files are copies of the sections, not data of their own",
			"export_files.chunks", "the export files are copies of the sections, not data of their own");

	@Autowired
	private List<PersonalDataSection> sections;

	@Autowired
	private MessageSource messages;

	@Autowired
	private List<PersonalDataEraser> erasers;

	@Test
	void everyCollectionWithSubjectDataIsExported() {
		Set<String> exported = claimed(sections.stream().map(PersonalDataSection::collections).toList());

		Set<String> missing = holdingSubjectData().stream()
			.filter(c -> !NOT_SUBJECT_DATA.containsKey(c) && !WITHOUT_SECTION.containsKey(c))
			.filter(c -> !exported.contains(c))
			.collect(Collectors.toCollection(TreeSet::new));

		assertThat(missing).as("collections no PersonalDataSection exports").isEmpty();
	}

	@Test
	void everyCollectionWithSubjectDataIsErased() {
		Set<String> erased = claimed(erasers.stream().map(PersonalDataEraser::collections).toList());

		Set<String> missing = holdingSubjectData().stream()
			.filter(c -> !NOT_SUBJECT_DATA.containsKey(c))
			.filter(c -> !erased.contains(c))
			.collect(Collectors.toCollection(TreeSet::new));

		assertThat(missing).as("collections no PersonalDataEraser erases").isEmpty();
	}

	/** An enum constant is shown to people in words, so each one met has them in every language. */
	@Test
	void everySectionGivesItsColumnsInOrderWithPlainValues() {
		String subjectId = exerciseEveryFeature();
		Set<String> withRows = new TreeSet<>();
		Set<String> constants = new TreeSet<>();

		for (PersonalDataSection section : sections) {
			List<Map<String, Object>> rows = new ArrayList<>();
			section.rows(subjectId, rows::add);
			for (Map<String, Object> row : rows) {
				withRows.add(section.key());
				assertThat(row.keySet()).as(section.key()).containsExactlyElementsOf(section.columns());
				assertThat(row.values()).as(section.key())
					.allMatch(value -> value == null || value instanceof String || value instanceof Number
							|| value instanceof Boolean || value instanceof Enum<?>);
				row.values()
					.stream()
					.filter(Enum.class::isInstance)
					.map(value -> "enum." + ((Enum<?>) value).getDeclaringClass().getSimpleName() + "." + value)
					.forEach(constants::add);
			}
		}
		for (String language : Languages.SUPPORTED) {
			Locale locale = Languages.locale(language);
			assertThat(constants).as(language).allMatch(key -> messages.getMessage(key, null, null, locale) != null);
		}
		assertThat(constants).as("constants met").isNotEmpty();

		assertThat(withRows).contains("profile", "collectionSources", "consents", "consentHistory", "dataExports");
	}

	/** After using every feature once: the store's collections and the subject-keyed document types. */
	private Set<String> holdingSubjectData() {
		exerciseEveryFeature();
		Set<String> collections = new TreeSet<>(mongo.getCollectionNames());
		collections.removeIf(name -> name.startsWith("system."));
		collections.addAll(subjectDocumentCollections());
		return collections;
	}

	/** Answers the id of the subject who used them. */
	private String exerciseEveryFeature() {
		PortalClient alice = newSubject();
		String subjectId = alice.document("me").text("data.me.id");
		alice.header("Sec-GPC", "1").document("me");
		alice.header("Idempotency-Key", "coverage-" + subjectId)
			.document("updateConsents", "changes", List.of(Map.of("purposeKey", "analytics", "granted", false)));
		staff().document("setLegalHold", "subjectId", subjectId, "hold", true, "reason", "coverage");
		staff().document("auditTrail", "subjectId", subjectId);
		String exportId = alice.document("requestDataExport", "format", "ZIP").text("data.requestDataExport.export.id");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> alice.document("myExports").rawBody().contains("\"status\":\"READY\""));
		assertThat(exportId).isNotBlank();
		return subjectId;
	}

	private Set<String> subjectDocumentCollections() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return true;
			}
		};
		scanner.addIncludeFilter(new AnnotationTypeFilter(Document.class));
		Set<String> collections = new HashSet<>();
		for (BeanDefinition definition : scanner
			.findCandidateComponents(ClassUtils.getPackageName(PrivacyPortalApplication.class))) {
			Class<?> type = ClassUtils.resolveClassName(definition.getBeanClassName(), getClass().getClassLoader());
			String collection = mongo.getCollectionName(type);
			if (hasSubjectId(type) || collection.equals("subjects")) {
				collections.add(collection);
			}
		}
		assertThat(collections).as("the scan found the subjects").contains("subjects");
		return collections;
	}

	private static boolean hasSubjectId(Class<?> type) {
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
			for (Field field : c.getDeclaredFields()) {
				if (field.getName().equals("subjectId")) {
					return true;
				}
			}
		}
		return false;
	}

	private static Set<String> claimed(List<Set<String>> claims) {
		Set<String> all = new HashSet<>();
		claims.forEach(all::addAll);
		return all;
	}

}
