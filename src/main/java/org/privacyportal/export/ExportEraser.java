package org.privacyportal.export;

import java.util.Set;

import org.privacyportal.personaldata.PersonalDataEraser;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Deletes a subject's exports and their files. Files go first and are also found by their own
 * metadata, so a re-run after a crash, or a file a worker finished after its export was erased,
 * leaves nothing behind. A worker still building one finds its export gone and drops its file.
 */
@Component
class ExportEraser implements PersonalDataEraser {

	private final MongoTemplate mongo;

	private final ExportFiles files;

	ExportEraser(MongoTemplate mongo, ExportFiles files) {
		this.mongo = mongo;
		this.files = files;
	}

	@Override
	public Set<String> collections() {
		return Set.of(mongo.getCollectionName(DataExport.class), ExportFiles.FILES, ExportFiles.CHUNKS);
	}

	@Override
	public void erase(String subjectId) {
		Query ofSubject = Query.query(Criteria.where("subjectId").is(subjectId));
		for (DataExport export : mongo.find(ofSubject, DataExport.class)) {
			files.deleteAttempts(export.id(), 1, export.attempts());
		}
		files.deleteAllOf(subjectId);
		mongo.remove(ofSubject, DataExport.class);
	}

}
