package org.privacyportal.personaldata;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Turns a {@link SubjectCollection} declaration into the {@link PersonalDataSection} and the
 * {@link PersonalDataEraser} that the export and deletion features iterate over; a feature makes the
 * result a bean. Each type implements exactly what was declared, so that nothing joins a list it does
 * not belong to.
 */
@Component
public class PersonalData {

	private final MongoTemplate mongo;

	private final Clock clock;

	PersonalData(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	public PersonalDataSection section(SubjectCollection<?> declared) {
		return new Section(declared.requireExport());
	}

	public PersonalDataEraser eraser(SubjectCollection<?> declared) {
		return new Eraser(declared.requireErasure());
	}

	/** For a collection declared both exported and erased. */
	public SectionAndEraser sectionAndEraser(SubjectCollection<?> declared) {
		return new SectionAndEraser(declared.requireExport().requireErasure());
	}

	class Section implements PersonalDataSection, Ordered {

		final SubjectCollection<?> declared;

		Section(SubjectCollection<?> declared) {
			this.declared = declared;
		}

		@Override
		public String key() {
			return declared.key();
		}

		@Override
		public String title() {
			return declared.title();
		}

		@Override
		public List<String> columns() {
			return declared.columns();
		}

		@Override
		public Set<String> collections() {
			return Set.of(mongo.getCollectionName(declared.type()));
		}

		@Override
		public void rows(String subjectId, Consumer<Map<String, Object>> sink) {
			declared.rows(mongo, clock.instant(), subjectId, sink);
		}

		@Override
		public int getOrder() {
			return declared.position();
		}

	}

	public final class SectionAndEraser extends Section implements PersonalDataEraser {

		private SectionAndEraser(SubjectCollection<?> declared) {
			super(declared);
		}

		@Override
		public void erase(String subjectId) {
			declared.erase(mongo, clock.instant(), subjectId);
		}

	}

	private final class Eraser implements PersonalDataEraser {

		private final SubjectCollection<?> declared;

		private Eraser(SubjectCollection<?> declared) {
			this.declared = declared;
		}

		@Override
		public Set<String> collections() {
			return Set.of(mongo.getCollectionName(declared.type()));
		}

		@Override
		public void erase(String subjectId) {
			declared.erase(mongo, clock.instant(), subjectId);
		}

	}

}
