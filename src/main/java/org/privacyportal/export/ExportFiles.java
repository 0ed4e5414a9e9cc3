package org.privacyportal.export;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.GridFSDownloadStream;
import com.mongodb.client.gridfs.GridFSUploadStream;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import org.bson.BsonString;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The export files, in a GridFS bucket of their own. Each file carries its export and subject in
 * its metadata, so the eraser finds even a file whose export document is already gone.
 */
@Component
class ExportFiles {

	static final String BUCKET = "export_files";

	static final String FILES = BUCKET + ".files";

	static final String CHUNKS = BUCKET + ".chunks";

	private final MongoTemplate mongo;

	ExportFiles(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	GridFSUploadStream create(String fileId, String fileName, String exportId, String subjectId, String contentType) {
		Document metadata = new Document("exportId", exportId).append("subjectId", subjectId)
			.append("contentType", contentType);
		return bucket().openUploadStream(new BsonString(fileId), fileName, new GridFSUploadOptions().metadata(metadata));
	}

	GridFSDownloadStream open(String fileId) {
		return bucket().openDownloadStream(new BsonString(fileId));
	}

	/** The size of a file whose upload is complete. */
	long length(String fileId) {
		return bucket().find(Filters.eq("_id", fileId)).first().getLength();
	}

	boolean exists(String fileId) {
		return mongo.getCollection(FILES).countDocuments(Filters.eq("_id", fileId)) > 0;
	}

	/** Removes the files (and stray chunks) of the given attempts of an export; repeatable. */
	void deleteAttempts(String exportId, int fromAttempt, int toAttempt) {
		List<String> ids = IntStream.rangeClosed(fromAttempt, toAttempt).mapToObj(n -> DataExport.fileId(exportId, n)).toList();
		if (!ids.isEmpty()) {
			delete(ids);
		}
	}

	/** Every file of the subject's exports, found by their metadata. */
	void deleteAllOf(String subjectId) {
		List<String> ids = mongo.getCollection(FILES)
			.find(Filters.eq("metadata.subjectId", subjectId))
			.projection(new Document("_id", 1))
			.map(file -> file.get("_id").toString())
			.into(new ArrayList<>());
		if (!ids.isEmpty()) {
			delete(ids);
		}
	}

	/** Chunks first: a crash in between leaves a file entry without content, never unreachable chunks. */
	private void delete(List<String> ids) {
		mongo.getCollection(CHUNKS).deleteMany(Filters.in("files_id", ids));
		MongoCollection<Document> files = mongo.getCollection(FILES);
		files.deleteMany(Filters.in("_id", ids));
	}

	private GridFSBucket bucket() {
		return GridFSBuckets.create(mongo.getDb(), BUCKET);
	}

}
