package org.privacyportal.export;

import java.util.Map;
import java.util.Optional;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.gridfs.GridFSDownloadStream;
import com.mongodb.client.gridfs.model.GridFSFile;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves a READY export to whoever holds a valid presigned link. A link that is unknown, tampered
 * with or made for another export is a 404 whether the export exists or not; an authentic link
 * past its time is a 403, since its holder already knows the export exists.
 */
@RestController
class ExportDownloadController {

	private static final ResponseEntity<Object> NOT_FOUND = ResponseEntity.status(HttpStatus.NOT_FOUND)
		.contentType(MediaType.APPLICATION_JSON)
		.body(Map.of("error", "not_found", "message", "There is no export at this link"));

	private static final ResponseEntity<Object> EXPIRED = ResponseEntity.status(HttpStatus.FORBIDDEN)
		.contentType(MediaType.APPLICATION_JSON)
		.body(Map.of("error", "link_expired",
				"message", "This download link has expired; open your exports in the portal for a new one"));

	private final ExportService exports;

	private final ExportFiles files;

	private final DownloadLinks links;

	ExportDownloadController(ExportService exports, ExportFiles files, DownloadLinks links) {
		this.exports = exports;
		this.files = files;
		this.links = links;
	}

	@GetMapping("/exports/{id}/download")
	ResponseEntity<Object> download(@PathVariable String id, @RequestParam(required = false) String expires,
			@RequestParam(required = false) String token) {
		Long expiry = epochSeconds(expires);
		Optional<DataExport> found = exports.find(id);
		if (expiry == null || found.isEmpty() || !links.isAuthentic(id, found.get().subjectId(), expiry, token)) {
			return NOT_FOUND;
		}
		if (links.isExpired(expiry)) {
			return EXPIRED;
		}
		DataExport export = found.get();
		if (export.status() != ExportStatus.READY || export.fileId() == null) {
			return NOT_FOUND;
		}
		GridFSDownloadStream content;
		try {
			content = files.open(export.fileId());
		}
		catch (MongoGridFSException ex) {
			// expired or erased between the lookup and now
			return NOT_FOUND;
		}
		GridFSFile file = content.getGridFSFile();
		exports.recordDownload(export, expiry);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(export.format().contentType()))
			.contentLength(file.getLength())
			.cacheControl(CacheControl.noStore())
			.header("Content-Disposition", ContentDisposition.attachment().filename(file.getFilename()).build().toString())
			.body(new InputStreamResource(content));
	}

	private static Long epochSeconds(String value) {
		if (value == null || value.isEmpty() || value.length() > 12) {
			return null;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
